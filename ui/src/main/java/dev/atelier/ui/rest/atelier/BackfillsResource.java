package dev.atelier.ui.rest.atelier;

import dev.atelier.ui.rest.airflow.AirflowDagRun;
import dev.atelier.ui.service.Backfill;
import dev.atelier.ui.service.BackfillRequest;
import dev.atelier.ui.service.Backfills;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/atelier/dags/{dag_id}/backfills}: Airflow's backfill (its stable API v1 has
 * none; the body is Airflow 3's {@code POST /backfills}: {@code from_date}, {@code to_date}, {@code
 * dag_run_conf}). Answers the runs created, as Airflow DAGRuns, and the ids of runs that already
 * had a logical date of the range. {@code ./atelier backfill} calls it.
 */
@Path("/api/atelier")
@Produces(MediaType.APPLICATION_JSON)
public class BackfillsResource {
  private final Backfills backfills;

  BackfillsResource(Backfills backfills) {
    this.backfills = backfills;
  }

  /** The answer: the request as understood, the runs created, the existing runs left alone. */
  public record BackfillResponse(
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
  public BackfillResponse create(@PathParam("dagId") String dagId, BackfillRequest body) {
    Backfill b =
        backfills.backfill(dagId, body == null ? new BackfillRequest(null, null, null) : body);
    List<AirflowDagRun> created = b.created().stream().map(AirflowDagRun::of).toList();
    return new BackfillResponse(
        b.dagId(),
        b.fromDate(),
        b.toDate(),
        b.dagRunConf(),
        created,
        b.existingRunIds(),
        created.size());
  }
}
