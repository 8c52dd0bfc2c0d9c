package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.repository.DagRepository;
import dev.atelier.ui.service.ApiProblem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/v1/dags}: the Dags registered from the code. */
@Path("/api/v1/dags")
@Produces(MediaType.APPLICATION_JSON)
public class DagsResource {
  private final DagRepository dags;

  DagsResource(DagRepository dags) {
    this.dags = dags;
  }

  @GET
  public AirflowDagCollection list(
      @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
    return new AirflowDagCollection(
        dags.list(Paging.limit(limit), Paging.offset(offset)).stream().map(AirflowDag::of).toList(),
        dags.count());
  }

  @GET
  @Path("/{dag_id}")
  public AirflowDag get(@PathParam("dag_id") String dagId) {
    return dags.find(dagId).map(AirflowDag::of).orElseThrow(() -> DagsResource.dagNotFound(dagId));
  }

  static ApiProblem dagNotFound(String dagId) {
    return ApiProblem.notFound("DAG not found", "DAG with dag_id: '" + dagId + "' not found");
  }
}
