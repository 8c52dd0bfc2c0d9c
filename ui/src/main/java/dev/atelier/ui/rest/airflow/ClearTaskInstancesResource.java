package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.service.ApiProblem;
import dev.atelier.ui.service.ClearRequest;
import dev.atelier.ui.service.ClearService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /api/v1/dags/{dag_id}/clearTaskInstances}: Airflow's clear. A dry run (the default)
 * only lists what would be cleared; otherwise the instances are cleared and their runs run again.
 */
@Path("/api/v1/dags/{dag_id}/clearTaskInstances")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClearTaskInstancesResource {
  private final ClearService clears;

  ClearTaskInstancesResource(ClearService clears) {
    this.clears = clears;
  }

  @POST
  public AirflowTaskInstanceReferenceCollection clear(
      @PathParam("dag_id") String dagId, ClearRequest body) {
    if (body == null) {
      throw ApiProblem.badRequest(
          "body: missing; send a ClearTaskInstances object, e.g. {\"dry_run\": true}");
    }
    return new AirflowTaskInstanceReferenceCollection(
        clears.clear(dagId, body).stream().map(AirflowTaskInstanceReference::of).toList());
  }
}
