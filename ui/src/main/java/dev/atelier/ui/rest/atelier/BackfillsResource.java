package dev.atelier.ui.rest.atelier;

import dev.atelier.ui.rest.airflow.AirflowDagRun;
import dev.atelier.ui.service.AirflowDates;
import dev.atelier.ui.service.AuditLog;
import dev.atelier.ui.service.AuditTargets;
import dev.atelier.ui.service.Backfill;
import dev.atelier.ui.service.BackfillRequest;
import dev.atelier.ui.service.Backfills;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/atelier/dags/{dag_id}/backfills}: Airflow's backfill (its stable API v1 has
 * none; the body is Airflow 3's {@code POST /backfills}: {@code from_date}, {@code to_date}, {@code
 * dag_run_conf}, and {@code reprocess_behavior}, {@code max_active_runs}, {@code run_backwards}).
 * Answers the backfill's id, the runs created, as Airflow DAGRuns, and the ids of runs that already
 * had a logical date of the range. {@code ./atelier backfill} calls it; {@code /api/v2/backfills}
 * serves the same backfills.
 */
@Path("/api/atelier")
@Produces(MediaType.APPLICATION_JSON)
public class BackfillsResource {
  private final Backfills backfills;
  private final AuditLog audit;

  BackfillsResource(Backfills backfills, AuditLog audit) {
    this.backfills = backfills;
    this.audit = audit;
  }

  /** The answer: the request as understood, the runs created, the existing runs left alone. */
  public record BackfillResponse(
      long backfillId,
      String dagId,
      OffsetDateTime fromDate,
      OffsetDateTime toDate,
      Map<String, Object> dagRunConf,
      List<AirflowDagRun> dagRuns,
      List<String> existingDagRunIds,
      int totalEntries) {}

  @POST
  @Path("/dags/{dagId}/backfills")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("member")
  public BackfillResponse create(@PathParam("dagId") String dagId, BackfillRequest body) {
    Backfill b =
        backfills.backfill(dagId, body == null ? new BackfillRequest(null, null, null) : body);
    List<AirflowDagRun> created = b.created().stream().map(AirflowDagRun::of).toList();
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("from_date", AirflowDates.iso(b.fromDate()));
    detail.put("to_date", AirflowDates.iso(b.toDate()));
    detail.put("dag_run_conf", b.dagRunConf());
    detail.put("created", created.stream().map(AirflowDagRun::dagRunId).toList());
    detail.put("reprocessed", b.reprocessedRunIds());
    detail.put("existing", b.existingRunIds());
    detail.put("backfill_id", b.backfill().id());
    audit.record("backfill", AuditTargets.dag(b.dagId()), detail);
    return new BackfillResponse(
        b.backfill().id(),
        b.dagId(),
        b.fromDate(),
        b.toDate(),
        b.dagRunConf(),
        created,
        b.existingRunIds(),
        created.size());
  }
}
