package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.Page;
import dev.atelier.ui.repository.TaskInstanceFilter;
import dev.atelier.ui.repository.TaskInstanceKey;
import dev.atelier.ui.repository.TaskInstanceRepository;
import dev.atelier.ui.repository.TaskInstanceRow;
import dev.atelier.ui.service.ApiProblem;
import dev.atelier.ui.service.AuditLog;
import dev.atelier.ui.service.AuditTargets;
import dev.atelier.ui.service.DagCatalog;
import dev.atelier.ui.service.DagRunService;
import dev.atelier.workflows.dsl.TaskSpec;
import dev.atelier.workflows.dsl.TaskState;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances}: a run's task instances. A
 * mapped task (a sweep's {@code train}) has one instance per map index and none with map index -1,
 * so, as in Airflow, it is read through {@code /{task_id}/{map_index}} or {@code listMapped}.
 * Tries: every try that ended before a clear or a retry is kept ({@code task_instance_history}).
 * PATCH marks an instance of a finished run by hand (the run's own state stays) or sets its note.
 */
@Path("/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances")
@Produces(MediaType.APPLICATION_JSON)
public class TaskInstancesV2Resource {
  /** Airflow's task states; "none" selects instances that have no state yet. */
  static final List<String> STATES =
      Arrays.stream(TaskState.values()).map(TaskState::value).toList();

  /** What Airflow 3 lets a PATCH set an instance to. */
  static final List<String> NEW_STATES = List.of("success", "failed", "skipped");

  private static final String TIE = "task_id, map_index";
  private static final Map<String, String> ORDER = new LinkedHashMap<>();

  static {
    ORDER.put("task_id", "task_id");
    ORDER.put("map_index", "map_index");
    ORDER.put("state", "state");
    ORDER.put("duration", "(end_date - start_date)");
    ORDER.put("start_date", "start_date");
    ORDER.put("end_date", "end_date");
    ORDER.put("try_number", "try_number");
  }

  private final DagRunService runs;
  private final TaskInstanceRepository tasks;
  private final DagCatalog catalog;
  private final AuditLog audit;

  TaskInstancesV2Resource(
      DagRunService runs, TaskInstanceRepository tasks, DagCatalog catalog, AuditLog audit) {
    this.runs = runs;
    this.tasks = tasks;
    this.catalog = catalog;
    this.audit = audit;
  }

  @GET
  @RolesAllowed("viewer")
  public TaskInstanceCollectionResponse list(
      @PathParam("dag_id") String dagId,
      @PathParam("dag_run_id") String runId,
      @QueryParam("task_id") String taskId,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("order_by") List<String> orderBy,
      @QueryParam("state") List<String> state) {
    return page(dagId, runId, taskId, false, limit, offset, orderBy, state);
  }

  @GET
  @Path("/{task_id}/listMapped")
  @RolesAllowed("viewer")
  public TaskInstanceCollectionResponse listMapped(
      @PathParam("dag_id") String dagId,
      @PathParam("dag_run_id") String runId,
      @PathParam("task_id") String taskId,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("order_by") List<String> orderBy,
      @QueryParam("state") List<String> state) {
    return page(dagId, runId, taskId, true, limit, offset, orderBy, state);
  }

  @GET
  @Path("/{task_id}")
  @RolesAllowed("viewer")
  public TaskInstanceResponse get(
      @PathParam("dag_id") String dagId,
      @PathParam("dag_run_id") String runId,
      @PathParam("task_id") String taskId) {
    return json(instance(dagId, runId, taskId, null));
  }

  @GET
  @Path("/{task_id}/{map_index}")
  @RolesAllowed("viewer")
  public TaskInstanceResponse getMapped(
      @PathParam("dag_id") String dagId,
      @PathParam("dag_run_id") String runId,
      @PathParam("task_id") String taskId,
      @PathParam("map_index") String mapIndex) {
    return json(instance(dagId, runId, taskId, mapIndex));
  }

  @GET
  @Path("/{task_id}/tries")
  @RolesAllowed("viewer")
  public TaskInstanceHistoryCollectionResponse tries(
      @PathParam("dag_id") String dagId,
      @PathParam("dag_run_id") String runId,
      @PathParam("task_id") String taskId,
      @QueryParam("map_index") String mapIndex) {
    return tryList(instance(dagId, runId, taskId, mapIndex == null ? "-1" : mapIndex, "query"));
  }

  @GET
  @Path("/{task_id}/{map_index}/tries")
  @RolesAllowed("viewer")
  public TaskInstanceHistoryCollectionResponse mappedTries(
      @PathParam("dag_id") String dagId,
      @PathParam("dag_run_id") String runId,
      @PathParam("task_id") String taskId,
      @PathParam("map_index") String mapIndex) {
    return tryList(instance(dagId, runId, taskId, mapIndex));
  }

  @GET
  @Path("/{task_id}/tries/{task_try_number}")
  @RolesAllowed("viewer")
  public TaskInstanceHistoryResponse tryDetails(
      @PathParam("dag_id") String dagId,
      @PathParam("dag_run_id") String runId,
      @PathParam("task_id") String taskId,
      @PathParam("task_try_number") String tryNumber,
      @QueryParam("map_index") String mapIndex) {
    RequestChecks checks = new RequestChecks();
    Integer number = checks.integer(RequestChecks.path("task_try_number"), tryNumber, 0);
    checks.throwIfAny();
    Found found = instance(dagId, runId, taskId, mapIndex == null ? "-1" : mapIndex, "query");
    List<TaskInstanceRow> tries = tasks.tries(dagId, runId, taskId, found.row().mapIndex());
    return tries.stream()
        .filter(t -> t.tryNumber() == number)
        .findFirst()
        .map(t -> TaskInstanceHistoryResponse.of(json(new Found(found.run(), t)), t))
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    "Task instance try not found",
                    "Try "
                        + number
                        + " of task instance '"
                        + taskId
                        + "' is not recorded; its tries are "
                        + tries.stream().map(TaskInstanceRow::tryNumber).toList()));
  }

  @PATCH
  @Path("/{task_id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("lead")
  public TaskInstanceCollectionResponse patch(
      @PathParam("dag_id") String dagId,
      @PathParam("dag_run_id") String runId,
      @PathParam("task_id") String taskId,
      @QueryParam("map_index") String mapIndex,
      @QueryParam("update_mask") List<String> updateMask,
      String text) {
    return patch(
        dagId, runId, taskId, mapIndex == null ? "-1" : mapIndex, "query", updateMask, text);
  }

  @PATCH
  @Path("/{task_id}/{map_index}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("lead")
  public TaskInstanceCollectionResponse patchMapped(
      @PathParam("dag_id") String dagId,
      @PathParam("dag_run_id") String runId,
      @PathParam("task_id") String taskId,
      @PathParam("map_index") String mapIndex,
      @QueryParam("update_mask") List<String> updateMask,
      String text) {
    return patch(dagId, runId, taskId, mapIndex, "path", updateMask, text);
  }

  private TaskInstanceCollectionResponse patch(
      String dagId,
      String runId,
      String taskId,
      String mapIndex,
      String mapIndexIn,
      List<String> updateMask,
      String text) {
    RequestChecks checks = new RequestChecks();
    ids(checks, dagId, runId, taskId);
    Integer index = checks.integer(List.of(mapIndexIn, "map_index"), mapIndex, -1);
    List<String> mask =
        checks.oneOfEach(
            RequestChecks.query("update_mask"), updateMask, List.of("new_state", "note"));
    JsonBody body =
        JsonBody.parse(
            text,
            Set.of(
                "new_state",
                "note",
                "include_upstream",
                "include_downstream",
                "include_future",
                "include_past"),
            checks);
    String state = body.oneOf("new_state", NEW_STATES);
    String note = body.string("note", 1000);
    for (String include :
        List.of("include_upstream", "include_downstream", "include_future", "include_past")) {
      if (Boolean.TRUE.equals(body.bool(include))) {
        checks.add(
            Violation.of(
                "value_error",
                RequestChecks.body(include),
                true,
                "is not supported: an instance is marked on its own; clear the run to run tasks"
                    + " again"));
      }
    }
    boolean setState = mask.isEmpty() ? body.has("new_state") : mask.contains("new_state");
    boolean setNote = mask.isEmpty() ? body.has("note") : mask.contains("note");
    if (checks.ok() && setState && state == null) {
      checks.add(
          Violation.of(
              "enum",
              RequestChecks.body("new_state"),
              null,
              "must be one of " + NEW_STATES + " when the state is to change"));
    }
    if (checks.ok() && !setState && !setNote) {
      checks.add(
          Violation.of(
              "value_error",
              List.of("body"),
              text.strip(),
              "changes nothing; give new_state or note"));
    }
    checks.throwIfAny();
    Found found = instance(dagId, runId, taskId, String.valueOf(index));
    TaskInstanceKey key =
        new TaskInstanceKey(dagId, runId, taskId, index, found.run().logicalDate());
    String target = AuditTargets.run(dagId, runId) + "/" + taskId + (index < 0 ? "" : "/" + index);
    if (setState) {
      if (!found.run().state().equals("success") && !found.run().state().equals("failed")) {
        throw ApiProblem.conflict(
            "Dag run is not finished",
            "new_state: run '"
                + runId
                + "' is "
                + found.run().state()
                + "; its workflow settles its tasks while it runs. Mark the run itself (PATCH"
                + " dagRuns/{dag_run_id}) or wait until it ends");
      }
      tasks.setState(key, state);
      audit.record(
          "set-task-state",
          target,
          Map.of("from", String.valueOf(found.row().state()), "to", state));
    }
    if (setNote) {
      tasks.setNote(key, note);
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("note", note);
      audit.record("set-task-note", target, detail);
    }
    return new TaskInstanceCollectionResponse(
        List.of(json(instance(dagId, runId, taskId, String.valueOf(index)))), 1);
  }

  /** One instance and its run; {@code mapIndex} null: the unmapped instance (map index -1). */
  private record Found(DagRunRow run, TaskInstanceRow row) {}

  private Found instance(String dagId, String runId, String taskId, String mapIndex) {
    return instance(dagId, runId, taskId, mapIndex, "path");
  }

  private Found instance(
      String dagId, String runId, String taskId, String mapIndex, String mapIndexIn) {
    RequestChecks checks = new RequestChecks();
    ids(checks, dagId, runId, taskId);
    Integer index =
        mapIndex == null
            ? Integer.valueOf(-1)
            : checks.integer(List.of(mapIndexIn, "map_index"), mapIndex, -1);
    if (mapIndex != null && mapIndex.isEmpty()) {
      index = -1;
    }
    checks.throwIfAny();
    DagRunRow run = runs.requireRun(dagId, runId);
    int at = index;
    TaskInstanceRow row =
        tasks
            .find(dagId, runId, taskId, at)
            .orElseThrow(
                () -> {
                  boolean mapped =
                      at < 0
                          && tasks.count(
                                  dagId, runId, new TaskInstanceFilter(List.of(), taskId, true))
                              > 0;
                  return ApiProblem.notFound(
                      "Task instance not found",
                      mapped
                          ? "Task instance '"
                              + taskId
                              + "' is mapped, add the map_index value to the URL"
                          : "Task instance '"
                              + taskId
                              + "'"
                              + (at < 0 ? "" : " with map_index " + at)
                              + " not found in Dag run '"
                              + runId
                              + "'");
                });
    return new Found(run, row);
  }

  private TaskInstanceResponse json(Found f) {
    TaskSpec spec = DagTasks.of(catalog, f.run().dagId()).get(f.row().taskId());
    return TaskInstanceResponse.of(f.run(), f.row(), spec);
  }

  private TaskInstanceHistoryCollectionResponse tryList(Found f) {
    TaskInstanceRow ti = f.row();
    List<TaskInstanceHistoryResponse> tries =
        tasks.tries(ti.dagId(), ti.runId(), ti.taskId(), ti.mapIndex()).stream()
            .map(t -> TaskInstanceHistoryResponse.of(json(new Found(f.run(), t)), t))
            .toList();
    return new TaskInstanceHistoryCollectionResponse(tries, tries.size());
  }

  private TaskInstanceCollectionResponse page(
      String dagId,
      String runId,
      String taskId,
      boolean mappedOnly,
      String limit,
      String offset,
      List<String> orderBy,
      List<String> state) {
    RequestChecks checks = new RequestChecks();
    ids(checks, dagId, runId, null);
    String task =
        checks.text(
            List.of(mappedOnly ? "path" : "query", "task_id"), taskId, RequestChecks.ID_LEN);
    List<String> states = new ArrayList<>();
    for (String s : checks.oneOfEach(RequestChecks.query("state"), state, STATES)) {
      states.add(s.equals("none") ? null : s);
    }
    Page page =
        new Page(
            checks.limit(limit),
            checks.offset(offset),
            checks.orderBy(orderBy, ORDER, TaskInstanceRepository.DEFAULT_ORDER, TIE));
    checks.throwIfAny();
    DagRunRow run = runs.requireRun(dagId, runId);
    TaskInstanceFilter filter =
        new TaskInstanceFilter(states, task == null || task.isEmpty() ? null : task, mappedOnly);
    Map<String, TaskSpec> specs = DagTasks.of(catalog, dagId);
    return new TaskInstanceCollectionResponse(
        tasks.list(dagId, runId, filter, page).stream()
            .map(ti -> TaskInstanceResponse.of(run, ti, specs.get(ti.taskId())))
            .toList(),
        tasks.count(dagId, runId, filter));
  }

  private static void ids(RequestChecks checks, String dagId, String runId, String taskId) {
    checks.id("dag_id", dagId);
    checks.id("dag_run_id", runId);
    if (taskId != null) {
      checks.id("task_id", taskId);
    }
  }
}
