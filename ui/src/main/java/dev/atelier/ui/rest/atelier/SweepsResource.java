package dev.atelier.ui.rest.atelier;

import dev.atelier.ui.rest.airflow.QueryValues;
import dev.atelier.ui.service.ApiProblem;
import dev.atelier.ui.service.SweepService;
import dev.atelier.ui.service.SweepView;
import dev.atelier.ui.service.TrialView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Sweeps (Dag runs with their trial counts) and one sweep's trials. */
@Path("/api/atelier")
@Produces(MediaType.APPLICATION_JSON)
public class SweepsResource {
  private static final int MAX_SWEEPS = 500;

  private final SweepService sweeps;

  SweepsResource(SweepService sweeps) {
    this.sweeps = sweeps;
  }

  @GET
  @Path("/sweeps")
  @RolesAllowed("viewer")
  public List<SweepView> sweeps(@QueryParam("limit") String limit) {
    Integer given = QueryValues.optionalInteger("limit", limit);
    int value = given == null ? 100 : given;
    if (value < 1 || value > MAX_SWEEPS) {
      throw ApiProblem.badRequest("limit: " + value + " must be between 1 and " + MAX_SWEEPS);
    }
    return sweeps.recent(value);
  }

  @GET
  @Path("/dags/{dagId}/runs/{runId}/trials")
  @RolesAllowed("viewer")
  public List<TrialView> trials(
      @PathParam("dagId") String dagId, @PathParam("runId") String runId) {
    return sweeps
        .trials(dagId, runId)
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    "DAGRun not found",
                    "DAGRun with DAG ID: '"
                        + dagId
                        + "' and DagRun ID: '"
                        + runId
                        + "' not found"));
  }
}
