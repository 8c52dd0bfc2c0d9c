package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.repository.DagRepository;
import dev.atelier.ui.repository.DagRunFilter;
import dev.atelier.ui.repository.DagRunRepository;
import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.DagVersionRepository;
import dev.atelier.ui.repository.DatasetEventRow;
import dev.atelier.ui.repository.DatasetTriggerRepository;
import dev.atelier.ui.repository.Page;
import dev.atelier.ui.repository.TaskInstanceKey;
import dev.atelier.ui.repository.TaskInstanceRepository;
import dev.atelier.ui.service.AirflowDates;
import dev.atelier.ui.service.AssetDeclarations;
import dev.atelier.ui.service.AuditLog;
import dev.atelier.ui.service.AuditTargets;
import dev.atelier.ui.service.ClearRequest;
import dev.atelier.ui.service.ClearService;
import dev.atelier.ui.service.DagCatalog;
import dev.atelier.ui.service.DagRunService;
import dev.atelier.ui.service.TriggerRequest;
import dev.atelier.workflows.dsl.TaskSpec;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code /api/v2/dags/{dag_id}/dagRuns}: trigger, list ({@code ~} for every Dag), read, patch
 * (state, note), delete and clear Dag runs, and the asset events that triggered one.
 *
 * <p>As in Airflow 3, a trigger's {@code logical_date} may be null or left out: the run then has
 * none (and no data interval), its id is {@code manual__<run_after>}, and {@code run_after} (now
 * when absent) orders it among the others. Given, the logical date must be free for the Dag (one
 * run per logical date, as Airflow keeps).
 */
@Path("/api/v2/dags/{dag_id}/dagRuns")
@Produces(MediaType.APPLICATION_JSON)
public class DagRunsV2Resource {
  static final List<String> RUN_STATES = List.of("queued", "running", "success", "failed");
  static final List<String> MUTABLE_STATES = List.of("queued", "success", "failed");

  /** Airflow's default {@code allowed_run_id_pattern}. */
  static final Pattern RUN_ID = Pattern.compile("^[A-Za-z0-9_.~:+-]+$");

  private static final Set<String> TRIGGER_FIELDS =
      Set.of(
          "dag_run_id",
          "data_interval_start",
          "data_interval_end",
          "logical_date",
          "run_after",
          "conf",
          "note",
          "partition_key");
  static final Map<String, String> ORDER = new LinkedHashMap<>();

  static {
    ORDER.put("id", "id");
    ORDER.put("state", "state");
    ORDER.put("dag_id", "dag_id");
    ORDER.put("run_id", "run_id");
    ORDER.put("dag_run_id", "run_id");
    ORDER.put("logical_date", "logical_date");
    ORDER.put("run_after", "run_after");
    ORDER.put("start_date", "start_date");
    ORDER.put("end_date", "end_date");
    ORDER.put("data_interval_start", "data_interval_start");
    ORDER.put("data_interval_end", "data_interval_end");
    ORDER.put("run_type", "run_type");
  }

  private final DagRunService service;
  private final ClearService clears;
  private final DagCatalog catalog;
  private final DagRepository dags;
  private final DagRunRepository runs;
  private final TaskInstanceRepository tasks;
  private final DatasetTriggerRepository triggers;
  private final AssetDeclarations assets;
  private final AuditLog audit;
  private final DagVersionRepository versions;

  DagRunsV2Resource(
      DagRunService service,
      ClearService clears,
      DagCatalog catalog,
      DagRepository dags,
      DagRunRepository runs,
      TaskInstanceRepository tasks,
      DatasetTriggerRepository triggers,
      AssetDeclarations assets,
      AuditLog audit,
      DagVersionRepository versions) {
    this.versions = versions;
    this.service = service;
    this.clears = clears;
    this.catalog = catalog;
    this.dags = dags;
    this.runs = runs;
    this.tasks = tasks;
    this.triggers = triggers;
    this.assets = assets;
    this.audit = audit;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("member")
  public DagRunResponse trigger(@PathParam("dag_id") String dagId, String text) {
    RequestChecks checks = new RequestChecks();
    checks.id("dag_id", dagId);
    JsonBody body = JsonBody.parse(text, TRIGGER_FIELDS, checks);
    String runId = body.string("dag_run_id", RequestChecks.ID_LEN);
    if (runId != null && !RUN_ID.matcher(runId).matches()) {
      checks.add(
          Violation.of(
              "string_pattern_mismatch",
              RequestChecks.body("dag_run_id"),
              runId,
              "must match " + RUN_ID.pattern() + " (letters, digits and _ . ~ : + -)"));
    }
    OffsetDateTime logical = body.dateTime("logical_date");
    OffsetDateTime runAfter = body.dateTime("run_after");
    for (String unsupported : List.of("data_interval_start", "data_interval_end")) {
      if (body.dateTime(unsupported) != null) {
        checks.add(
            Violation.of(
                "value_error",
                RequestChecks.body(unsupported),
                body.string(unsupported, 64),
                "cannot be set: the data interval follows from the Dag's schedule and the logical"
                    + " date"));
      }
    }
    if (body.string("partition_key", RequestChecks.ID_LEN) != null) {
      checks.add(
          Violation.of(
              "value_error",
              RequestChecks.body("partition_key"),
              body.string("partition_key", RequestChecks.ID_LEN),
              "cannot be set: Atelier's Dags are not partitioned"));
    }
    Map<String, Object> conf = body.object("conf");
    String note = body.string("note", 1000);
    checks.throwIfAny();
    if (dags.find(dagId).isEmpty()) {
      throw NotFound.dag(dagId);
    }
    DagRunRow run =
        service.trigger(
            dagId,
            new TriggerRequest(
                runId, logical == null ? null : AirflowDates.iso(logical), null, conf, note),
            "manual",
            runAfter != null ? runAfter : OffsetDateTime.now(ZoneOffset.UTC));
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("conf", run.conf());
    detail.put(
        "logical_date", run.logicalDate() == null ? null : AirflowDates.iso(run.logicalDate()));
    detail.put("run_after", AirflowDates.iso(run.runAfter()));
    if (run.note() != null) {
      detail.put("note", run.note());
    }
    audit.record("trigger", AuditTargets.run(dagId, run.runId()), detail);
    return json(run);
  }

  /** {@code dag_id} {@code ~}: the runs of every Dag. Creation order unless {@code order_by}. */
  @GET
  @RolesAllowed("viewer")
  public DagRunCollectionResponse list(
      @PathParam("dag_id") String dagId,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("order_by") List<String> orderBy,
      @QueryParam("state") List<String> state,
      @QueryParam("logical_date_gte") String logicalDateGte,
      @QueryParam("logical_date_lte") String logicalDateLte,
      @QueryParam("run_after_gte") String runAfterGte,
      @QueryParam("run_after_lte") String runAfterLte,
      @QueryParam("start_date_gte") String startDateGte,
      @QueryParam("start_date_lte") String startDateLte,
      @QueryParam("end_date_gte") String endDateGte,
      @QueryParam("end_date_lte") String endDateLte) {
    RequestChecks checks = new RequestChecks();
    checks.id("dag_id", dagId);
    Page page =
        new Page(
            checks.limit(limit), checks.offset(offset), checks.orderBy(orderBy, ORDER, "id", "id"));
    DagRunFilter filter =
        new DagRunFilter(
            checks.oneOfEach(RequestChecks.query("state"), state, RUN_STATES),
            checks.dateTime(RequestChecks.query("logical_date_gte"), logicalDateGte),
            checks.dateTime(RequestChecks.query("logical_date_lte"), logicalDateLte),
            checks.dateTime(RequestChecks.query("run_after_gte"), runAfterGte),
            checks.dateTime(RequestChecks.query("run_after_lte"), runAfterLte),
            checks.dateTime(RequestChecks.query("start_date_gte"), startDateGte),
            checks.dateTime(RequestChecks.query("start_date_lte"), startDateLte),
            checks.dateTime(RequestChecks.query("end_date_gte"), endDateGte),
            checks.dateTime(RequestChecks.query("end_date_lte"), endDateLte));
    checks.throwIfAny();
    String only = dagId.equals("~") ? null : dagId;
    if (only != null && dags.find(only).isEmpty()) {
      throw NotFound.dag(only);
    }
    return new DagRunCollectionResponse(
        runs.list(only, filter, page).stream().map(this::json).toList(), runs.count(only, filter));
  }

  @GET
  @Path("/{dag_run_id}")
  @RolesAllowed("viewer")
  public DagRunResponse get(
      @PathParam("dag_id") String dagId, @PathParam("dag_run_id") String runId) {
    return json(require(dagId, runId));
  }

  /**
   * Airflow 3's PATCH: {@code state} (queued, success or failed; as in v1, success and failed stop
   * a running run, queued runs a finished one again) and {@code note}. With {@code update_mask}
   * only the fields it names change; without it, those the body has.
   */
  @PATCH
  @Path("/{dag_run_id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("lead")
  public DagRunResponse patch(
      @PathParam("dag_id") String dagId,
      @PathParam("dag_run_id") String runId,
      @QueryParam("update_mask") List<String> updateMask,
      String text) {
    RequestChecks checks = new RequestChecks();
    ids(checks, dagId, runId);
    List<String> mask =
        checks.oneOfEach(RequestChecks.query("update_mask"), updateMask, List.of("state", "note"));
    JsonBody body = JsonBody.parse(text, Set.of("state", "note"), checks);
    String state = body.oneOf("state", MUTABLE_STATES);
    String note = body.string("note", 1000);
    boolean setState = mask.isEmpty() ? body.has("state") : mask.contains("state");
    boolean setNote = mask.isEmpty() ? body.has("note") : mask.contains("note");
    if (checks.ok() && setState && state == null) {
      checks.add(
          Violation.of(
              "enum",
              RequestChecks.body("state"),
              null,
              "must be one of " + MUTABLE_STATES + " when the state is to change"));
    }
    checks.throwIfAny();
    DagRunRow before = require(dagId, runId);
    if (setState) {
      service.setState(dagId, runId, state);
      audit.record(
          "set-state", AuditTargets.run(dagId, runId), Map.of("from", before.state(), "to", state));
    }
    if (setNote) {
      runs.setNote(dagId, runId, note);
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("note", note);
      audit.record("set-note", AuditTargets.run(dagId, runId), detail);
    }
    return json(require(dagId, runId));
  }

  /** Cancels the run's workflow (its trials stop) and removes the run; 204 with no body. */
  @DELETE
  @Path("/{dag_run_id}")
  @RolesAllowed("lead")
  public Response delete(@PathParam("dag_id") String dagId, @PathParam("dag_run_id") String runId) {
    require(dagId, runId);
    service.delete(dagId, runId);
    audit.record("delete-run", AuditTargets.run(dagId, runId), Map.of());
    return Response.noContent().build();
  }

  /**
   * Airflow 3's clear of one run: a dry run (the default) lists the task instances it would clear
   * (all, or the failed ones with {@code only_failed}); otherwise they are cleared and the run runs
   * again, answered as the run.
   */
  @POST
  @Path("/{dag_run_id}/clear")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("lead")
  public Object clear(
      @PathParam("dag_id") String dagId, @PathParam("dag_run_id") String runId, String text) {
    RequestChecks checks = new RequestChecks();
    ids(checks, dagId, runId);
    JsonBody body =
        JsonBody.parse(
            text,
            Set.of("dry_run", "only_failed", "only_new", "note", "run_on_latest_version"),
            checks);
    Boolean dry = body.bool("dry_run");
    Boolean onlyFailed = body.bool("only_failed");
    if (Boolean.TRUE.equals(body.bool("only_new"))) {
      checks.add(
          Violation.of(
              "value_error",
              RequestChecks.body("only_new"),
              true,
              "is not supported: a run here always runs every task of its Dag again"));
    }
    body.bool("run_on_latest_version");
    String note = body.string("note", 1000);
    checks.throwIfAny();
    DagRunRow run = require(dagId, runId);
    boolean dryRun = dry == null || dry;
    ClearRequest request =
        new ClearRequest(
            dryRun,
            null,
            null,
            null,
            Boolean.TRUE.equals(onlyFailed),
            false,
            null,
            null,
            null,
            runId,
            null,
            null,
            null,
            null);
    List<TaskInstanceKey> keys = clears.clear(dagId, request);
    if (dryRun) {
      Map<String, TaskSpec> specs = DagTasks.of(catalog, dagId);
      List<TaskInstanceResponse> instances = new ArrayList<>();
      for (TaskInstanceKey k : keys) {
        tasks
            .find(k.dagId(), k.runId(), k.taskId(), k.mapIndex())
            .ifPresent(
                ti -> instances.add(TaskInstanceResponse.of(run, ti, specs.get(ti.taskId()))));
      }
      return new ClearTaskInstanceCollectionResponse(instances, instances.size());
    }
    if (body.has("note")) {
      runs.setNote(dagId, runId, note);
    }
    audit.record(
        "clear",
        AuditTargets.dag(dagId),
        Map.of(
            "task_instances",
            keys.stream()
                .map(
                    k ->
                        k.runId() + "/" + k.taskId() + (k.mapIndex() < 0 ? "" : "/" + k.mapIndex()))
                .toList()));
    return json(require(dagId, runId));
  }

  /** The asset (dataset) events the run consumed: what started an asset-scheduled run. */
  @GET
  @Path("/{dag_run_id}/upstreamAssetEvents")
  @RolesAllowed("viewer")
  public AssetEventCollectionResponse upstreamAssetEvents(
      @PathParam("dag_id") String dagId, @PathParam("dag_run_id") String runId) {
    require(dagId, runId);
    List<DatasetEventRow> events = triggers.triggeringEvents(dagId, runId);
    Map<Long, List<DagRunRow>> created =
        triggers.createdRuns(events.stream().map(DatasetEventRow::id).toList());
    return new AssetEventCollectionResponse(
        events.stream()
            .map(e -> AssetEventResponse.of(e, created.getOrDefault(e.id(), List.of()), assets))
            .toList(),
        events.size());
  }

  private DagRunRow require(String dagId, String runId) {
    RequestChecks checks = new RequestChecks();
    ids(checks, dagId, runId);
    checks.throwIfAny();
    return service.requireRun(dagId, runId);
  }

  private static void ids(RequestChecks checks, String dagId, String runId) {
    checks.id("dag_id", dagId);
    checks.id("dag_run_id", runId);
  }

  private DagRunResponse json(DagRunRow run) {
    return DagRunResponse.of(
        run, versions.ofRun(run.dagId(), run.runId()).map(DagVersionResponse::of).orElse(null));
  }
}
