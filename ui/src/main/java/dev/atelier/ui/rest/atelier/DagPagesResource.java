package dev.atelier.ui.rest.atelier;

import dev.atelier.ui.service.ApiProblem;
import dev.atelier.ui.service.DagOverview;
import dev.atelier.ui.service.DagOverviews;
import dev.atelier.ui.service.RunGrid;
import dev.atelier.ui.service.RunGrids;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * What the Dags page and a run's task grid read, each in one call. Rooted at {@code /api/atelier}
 * like {@link SweepsResource}: a longer root path would win the match for {@code
 * /api/atelier/dags/…/trials} and hide that endpoint.
 */
@Path("/api/atelier")
@Produces(MediaType.APPLICATION_JSON)
public class DagPagesResource {
  private final DagOverviews overviews;
  private final RunGrids grids;

  DagPagesResource(DagOverviews overviews, RunGrids grids) {
    this.overviews = overviews;
    this.grids = grids;
  }

  @GET
  @Path("/dags")
  @RolesAllowed("viewer")
  public List<DagOverview> dags() {
    return overviews.all();
  }

  @GET
  @Path("/dags/{dagId}/runs/{runId}/grid")
  @RolesAllowed("viewer")
  public RunGrid grid(@PathParam("dagId") String dagId, @PathParam("runId") String runId) {
    return grids
        .grid(dagId, runId)
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
