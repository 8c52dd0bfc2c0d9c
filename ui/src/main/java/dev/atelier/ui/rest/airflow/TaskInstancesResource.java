package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.Page;
import dev.atelier.ui.repository.TaskInstanceFilter;
import dev.atelier.ui.repository.TaskInstanceRepository;
import dev.atelier.ui.repository.TaskInstanceRow;
import dev.atelier.ui.service.ApiProblem;
import dev.atelier.ui.service.DagRunService;
import dev.atelier.workflows.dsl.TaskState;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
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

/**
 * {@code /api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances}: a run's task instances. A
 * mapped task (a sweep's {@code train}) has one instance per map index and none with map index -1,
 * so, as in Airflow, it is read through {@code /{task_id}/{map_index}} or {@code listMapped}.
 */
@Path("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances")
@Produces(MediaType.APPLICATION_JSON)
public class TaskInstancesResource {
  private static final String TIE = "task_id, map_index";
  private static final Map<String, String> ORDER = new LinkedHashMap<>();

  /** Airflow's task states; "none" selects instances that have no state yet. */
  private static final List<String> STATES =
      Arrays.stream(TaskState.values()).map(TaskState::value).toList();

  static {
    ORDER.put("state", "state");
    ORDER.put("duration", "(end_date - start_date)");
    ORDER.put("start_date", "start_date");
    ORDER.put("end_date", "end_date");
    ORDER.put("map_index", "map_index");
  }

  private final DagRunService runs;
  private final TaskInstanceRepository tasks;

  TaskInstancesResource(DagRunService runs, TaskInstanceRepository tasks) {
    this.runs = runs;
    this.tasks = tasks;
  }

  @GET
  @RolesAllowed("viewer")
  public AirflowTaskInstanceCollection list(
      @PathParam("dag_id") String dagId,
      @PathParam("dag_run_id") String runId,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("order_by") String orderBy,
      @QueryParam("state") List<String> state) {
    return page(dagId, runId, null, false, limit, offset, orderBy, state);
  }

  @GET
  @Path("/{task_id}")
  @RolesAllowed("viewer")
  public AirflowTaskInstance get(
      @PathParam("dag_id") String dagId,
      @PathParam("dag_run_id") String runId,
      @PathParam("task_id") String taskId) {
    DagRunRow run = runs.requireRun(dagId, runId);
    return tasks
        .find(dagId, runId, taskId, -1)
        .map(ti -> AirflowTaskInstance.of(run, ti))
        .orElseThrow(
            () -> {
              boolean mapped =
                  tasks.count(dagId, runId, new TaskInstanceFilter(List.of(), taskId, true)) > 0;
              return ApiProblem.notFound(
                  "Task instance not found",
                  mapped
                      ? "Task instance is mapped, add the map_index value to the URL"
                      : "Task instance '" + taskId + "' not found in DAGRun '" + runId + "'");
            });
  }

  @GET
  @Path("/{task_id}/listMapped")
  @RolesAllowed("viewer")
  public AirflowTaskInstanceCollection listMapped(
      @PathParam("dag_id") String dagId,
      @PathParam("dag_run_id") String runId,
      @PathParam("task_id") String taskId,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("order_by") String orderBy,
      @QueryParam("state") List<String> state) {
    return page(dagId, runId, taskId, true, limit, offset, orderBy, state);
  }

  @GET
  @Path("/{task_id}/{map_index}")
  @RolesAllowed("viewer")
  public AirflowTaskInstance getMapped(
      @PathParam("dag_id") String dagId,
      @PathParam("dag_run_id") String runId,
      @PathParam("task_id") String taskId,
      @PathParam("map_index") String mapIndex) {
    int index = QueryValues.integer("path", "map_index", mapIndex);
    DagRunRow run = runs.requireRun(dagId, runId);
    return tasks
        .find(dagId, runId, taskId, index)
        .map(ti -> AirflowTaskInstance.of(run, ti))
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    "Task instance not found",
                    "Task instance '"
                        + taskId
                        + "' with map_index "
                        + index
                        + " not found in DAGRun '"
                        + runId
                        + "'"));
  }

  private AirflowTaskInstanceCollection page(
      String dagId,
      String runId,
      String taskId,
      boolean mappedOnly,
      String limit,
      String offset,
      String orderBy,
      List<String> state) {
    DagRunRow run = runs.requireRun(dagId, runId);
    List<String> states = new ArrayList<>();
    for (String s : QueryValues.oneOfEach("state", state, STATES)) {
      states.add(s.equals("none") ? null : s);
    }
    TaskInstanceFilter filter = new TaskInstanceFilter(states, taskId, mappedOnly);
    Page page =
        new Page(
            Paging.limit(limit),
            Paging.offset(offset),
            OrderBy.sql(orderBy, ORDER, TaskInstanceRepository.DEFAULT_ORDER, TIE));
    List<TaskInstanceRow> rows = tasks.list(dagId, runId, filter, page);
    return new AirflowTaskInstanceCollection(
        rows.stream().map(ti -> AirflowTaskInstance.of(run, ti)).toList(),
        tasks.count(dagId, runId, filter));
  }
}
