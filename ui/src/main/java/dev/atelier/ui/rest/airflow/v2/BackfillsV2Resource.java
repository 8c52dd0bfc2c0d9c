package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.repository.BackfillRow;
import dev.atelier.ui.repository.DagRepository;
import dev.atelier.ui.repository.Page;
import dev.atelier.ui.service.AirflowDates;
import dev.atelier.ui.service.AuditLog;
import dev.atelier.ui.service.AuditTargets;
import dev.atelier.ui.service.Backfill;
import dev.atelier.ui.service.BackfillPlan;
import dev.atelier.ui.service.BackfillRequest;
import dev.atelier.ui.service.Backfills;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v2/backfills}: Airflow 3's backfills over {@link Backfills}, the service {@code
 * /api/atelier/dags/{dag_id}/backfills} uses too. Create (member, like a trigger) answers the
 * backfill; {@code dry_run} answers the logical dates it would run and stores nothing; pause,
 * unpause and cancel (lead) answer the backfill as it is after, 409 once it has completed.
 */
@Path("/api/v2/backfills")
@Produces(MediaType.APPLICATION_JSON)
public class BackfillsV2Resource {
  private static final Set<String> FIELDS =
      Set.of(
          "dag_id",
          "from_date",
          "to_date",
          "run_backwards",
          "dag_run_conf",
          "reprocess_behavior",
          "max_active_runs",
          "run_on_latest_version");
  private static final Map<String, String> ORDER = new LinkedHashMap<>();

  static {
    ORDER.put("id", "id");
  }

  private final Backfills backfills;
  private final DagRepository dags;
  private final AuditLog audit;

  BackfillsV2Resource(Backfills backfills, DagRepository dags, AuditLog audit) {
    this.backfills = backfills;
    this.dags = dags;
    this.audit = audit;
  }

  /** The body as the service takes it, after every 422 check; the Dag id beside it. */
  private record Checked(String dagId, BackfillRequest request) {}

  /**
   * {@code run_on_latest_version} is accepted and changes nothing: a run always runs the Dag the
   * app was built with, the latest version.
   */
  private static Checked check(String text) {
    RequestChecks checks = new RequestChecks();
    JsonBody body = JsonBody.parse(text, FIELDS, checks);
    String dagId = body.string("dag_id", RequestChecks.ID_LEN);
    OffsetDateTime from = body.dateTime("from_date");
    OffsetDateTime to = body.dateTime("to_date");
    Boolean backwards = body.bool("run_backwards");
    Map<String, Object> conf = body.object("dag_run_conf");
    String reprocess = body.oneOf("reprocess_behavior", Backfills.REPROCESS);
    Integer maxActive = body.integer("max_active_runs", 1);
    body.bool("run_on_latest_version");
    for (String required : List.of("dag_id", "from_date", "to_date")) {
      if (!body.has(required) || body.isNull(required)) {
        checks.add(Violation.missing(RequestChecks.body(required)));
      }
    }
    if (from != null && to != null && from.isAfter(to)) {
      checks.add(
          Violation.of(
              "value_error",
              RequestChecks.body("to_date"),
              AirflowDates.iso(to),
              "is before from_date "
                  + AirflowDates.iso(from)
                  + "; a backfill range must not run"
                  + " backwards (use run_backwards to run its newest date first)"));
    }
    checks.throwIfAny();
    return new Checked(
        dagId,
        new BackfillRequest(
            AirflowDates.iso(from), AirflowDates.iso(to), conf, reprocess, maxActive, backwards));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("member")
  public BackfillResponse create(String text) {
    Checked c = check(text);
    Backfill b = backfills.backfill(c.dagId(), c.request());
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("backfill_id", b.backfill().id());
    detail.put("from_date", AirflowDates.iso(b.fromDate()));
    detail.put("to_date", AirflowDates.iso(b.toDate()));
    detail.put("dag_run_conf", b.dagRunConf());
    detail.put("reprocess_behavior", b.backfill().reprocessBehavior());
    detail.put("max_active_runs", b.backfill().maxActiveRuns());
    detail.put("run_backwards", b.backfill().runBackwards());
    detail.put("created", b.created().stream().map(r -> r.runId()).toList());
    detail.put("reprocessed", b.reprocessedRunIds());
    detail.put("existing", b.existingRunIds());
    audit.record("backfill", AuditTargets.backfill(b.dagId(), b.backfill().id()), detail);
    return BackfillResponse.of(b.backfill());
  }

  @POST
  @Path("/dry_run")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("member")
  public DryRunBackfillCollectionResponse dryRun(String text) {
    Checked c = check(text);
    BackfillPlan plan = backfills.plan(c.dagId(), c.request());
    List<DryRunBackfillResponse> dates =
        plan.toRun().stream().map(d -> new DryRunBackfillResponse(d, null, null)).toList();
    return new DryRunBackfillCollectionResponse(dates, dates.size());
  }

  @GET
  @RolesAllowed("viewer")
  public BackfillCollectionResponse list(
      @QueryParam("dag_id") String dagId,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("order_by") List<String> orderBy) {
    RequestChecks checks = new RequestChecks();
    String dag = checks.text(RequestChecks.query("dag_id"), dagId, RequestChecks.ID_LEN);
    if (dagId == null || dagId.isEmpty()) {
      checks.add(Violation.missing(RequestChecks.query("dag_id")));
    }
    Page page =
        new Page(
            checks.limit(limit), checks.offset(offset), checks.orderBy(orderBy, ORDER, "id", "id"));
    checks.throwIfAny();
    if (dags.find(dag).isEmpty()) {
      throw NotFound.dag(dag);
    }
    return new BackfillCollectionResponse(
        backfills.list(dag, page).stream().map(BackfillResponse::of).toList(),
        backfills.count(dag));
  }

  @GET
  @Path("/{backfill_id}")
  @RolesAllowed("viewer")
  public BackfillResponse get(@PathParam("backfill_id") String id) {
    long backfillId = id(id);
    return backfills
        .find(backfillId)
        .map(BackfillResponse::of)
        .orElseThrow(() -> Backfills.notFound(backfillId));
  }

  @PUT
  @Path("/{backfill_id}/pause")
  @RolesAllowed("lead")
  public BackfillResponse pause(@PathParam("backfill_id") String id) {
    return changed("backfill_pause", backfills.pause(id(id)));
  }

  @PUT
  @Path("/{backfill_id}/unpause")
  @RolesAllowed("lead")
  public BackfillResponse unpause(@PathParam("backfill_id") String id) {
    return changed("backfill_unpause", backfills.unpause(id(id)));
  }

  @PUT
  @Path("/{backfill_id}/cancel")
  @RolesAllowed("lead")
  public BackfillResponse cancel(@PathParam("backfill_id") String id) {
    return changed("backfill_cancel", backfills.cancel(id(id)));
  }

  private BackfillResponse changed(String action, BackfillRow b) {
    audit.record(action, AuditTargets.backfill(b.dagId(), b.id()), Map.of("backfill_id", b.id()));
    return BackfillResponse.of(b);
  }

  private static long id(String raw) {
    RequestChecks checks = new RequestChecks();
    Integer value = checks.integer(RequestChecks.path("backfill_id"), raw, 0);
    if (checks.ok() && value == null) {
      checks.add(Violation.missing(RequestChecks.path("backfill_id")));
    }
    checks.throwIfAny();
    return value;
  }
}
