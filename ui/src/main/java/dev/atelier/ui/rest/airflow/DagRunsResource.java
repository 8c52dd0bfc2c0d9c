package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.repository.DagRepository;
import dev.atelier.ui.repository.DagRunFilter;
import dev.atelier.ui.repository.DagRunRepository;
import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.Page;
import dev.atelier.ui.service.AirflowDates;
import dev.atelier.ui.service.ApiProblem;
import dev.atelier.ui.service.AuditLog;
import dev.atelier.ui.service.AuditTargets;
import dev.atelier.ui.service.DagRunService;
import dev.atelier.ui.service.InvalidValue;
import dev.atelier.ui.service.TriggerRequest;
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
import jakarta.ws.rs.core.UriBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/dags/{dag_id}/dagRuns}: trigger, list, read, mark and delete Dag runs. A trigger
 * answers 200 with the DAGRun, as Airflow does, plus a Location header; a delete answers 204.
 */
@Path("/api/v1/dags/{dag_id}/dagRuns")
@Produces(MediaType.APPLICATION_JSON)
public class DagRunsResource {
  static final List<String> RUN_STATES = List.of("queued", "running", "success", "failed");
  static final List<String> SETTABLE_STATES = List.of("success", "failed", "queued");
  private static final Map<String, String> ORDER = new LinkedHashMap<>();

  static {
    ORDER.put("id", "id");
    ORDER.put("state", "state");
    ORDER.put("dag_id", "dag_id");
    ORDER.put("execution_date", "logical_date");
    ORDER.put("dag_run_id", "run_id");
    ORDER.put("start_date", "start_date");
    ORDER.put("end_date", "end_date");
    ORDER.put("external_trigger", "external_trigger");
  }

  private final DagRunService service;
  private final DagRepository dags;
  private final DagRunRepository runs;
  private final AuditLog audit;

  DagRunsResource(
      DagRunService service, DagRepository dags, DagRunRepository runs, AuditLog audit) {
    this.service = service;
    this.dags = dags;
    this.runs = runs;
    this.audit = audit;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("member")
  public Response trigger(@PathParam("dag_id") String dagId, TriggerRequest body) {
    if (body == null) {
      // As Airflow: a trigger without a body is refused (an empty object {} is the minimal one).
      throw InvalidValue.body(
          "body", null, "a DAGRun object is required, e.g. {} or {\"conf\": {\"steps\": 300}}");
    }
    DagRunRow run = service.trigger(dagId, body);
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("conf", run.conf());
    detail.put("logical_date", AirflowDates.iso(run.logicalDate()));
    if (run.note() != null) {
      detail.put("note", run.note());
    }
    audit.record("trigger", AuditTargets.run(dagId, run.runId()), detail);
    return Response.ok(AirflowDagRun.of(run))
        .location(
            UriBuilder.fromPath("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}")
                .build(dagId, run.runId()))
        .build();
  }

  /** Airflow's order is creation order ({@code id}) unless {@code order_by} says otherwise. */
  @GET
  @RolesAllowed("viewer")
  public AirflowDagRunCollection list(
      @PathParam("dag_id") String dagId,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("order_by") String orderBy,
      @QueryParam("state") List<String> state,
      @QueryParam("execution_date_gte") String executionDateGte,
      @QueryParam("execution_date_lte") String executionDateLte,
      @QueryParam("start_date_gte") String startDateGte,
      @QueryParam("start_date_lte") String startDateLte,
      @QueryParam("end_date_gte") String endDateGte,
      @QueryParam("end_date_lte") String endDateLte) {
    if (dags.find(dagId).isEmpty()) {
      throw DagsResource.dagNotFound(dagId);
    }
    DagRunFilter filter =
        new DagRunFilter(
            QueryValues.oneOfEach("state", state, RUN_STATES),
            QueryValues.date("execution_date_gte", executionDateGte),
            QueryValues.date("execution_date_lte", executionDateLte),
            null,
            null,
            QueryValues.date("start_date_gte", startDateGte),
            QueryValues.date("start_date_lte", startDateLte),
            QueryValues.date("end_date_gte", endDateGte),
            QueryValues.date("end_date_lte", endDateLte));
    Page page =
        new Page(
            Paging.limit(limit), Paging.offset(offset), OrderBy.sql(orderBy, ORDER, "id", "id"));
    return new AirflowDagRunCollection(
        runs.list(dagId, filter, page).stream().map(AirflowDagRun::of).toList(),
        runs.count(dagId, filter));
  }

  @GET
  @Path("/{dag_run_id}")
  @RolesAllowed("viewer")
  public AirflowDagRun get(
      @PathParam("dag_id") String dagId, @PathParam("dag_run_id") String runId) {
    return AirflowDagRun.of(service.requireRun(dagId, runId));
  }

  /** Airflow's "modify a DAG run": set its state to success, failed or queued. */
  @PATCH
  @Path("/{dag_run_id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("lead")
  public AirflowDagRun setState(
      @PathParam("dag_id") String dagId,
      @PathParam("dag_run_id") String runId,
      UpdateDagRunState body) {
    String state = body == null ? null : body.state();
    // List.of(...).contains(null) throws: a body without state must be a 400, not a 500.
    if (state == null || !SETTABLE_STATES.contains(state)) {
      throw ApiProblem.badRequest(
          "state: "
              + (state == null ? "missing" : "'" + state + "'")
              + " must be one of "
              + SETTABLE_STATES);
    }
    String before = service.requireRun(dagId, runId).state();
    DagRunRow after = service.setState(dagId, runId, state);
    audit.record("set-state", AuditTargets.run(dagId, runId), Map.of("from", before, "to", state));
    return AirflowDagRun.of(after);
  }

  /** Cancels the run's workflow (its trials stop) and removes the run; 204 with no body. */
  @DELETE
  @Path("/{dag_run_id}")
  @RolesAllowed("lead")
  public Response delete(@PathParam("dag_id") String dagId, @PathParam("dag_run_id") String runId) {
    service.delete(dagId, runId);
    audit.record("delete-run", AuditTargets.run(dagId, runId), Map.of());
    return Response.noContent().build();
  }
}
