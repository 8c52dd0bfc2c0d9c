package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.repository.TaskInstanceKey;
import dev.atelier.ui.service.ApiProblem;
import dev.atelier.ui.service.AuditLog;
import dev.atelier.ui.service.AuditTargets;
import dev.atelier.ui.service.ClearRequest;
import dev.atelier.ui.service.ClearService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/dags/{dag_id}/clearTaskInstances}: Airflow's clear. A dry run (the default)
 * only lists what would be cleared; otherwise the instances are cleared and their runs run again.
 */
@Path("/api/v1/dags/{dag_id}/clearTaskInstances")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClearTaskInstancesResource {
  private final ClearService clears;
  private final AuditLog audit;

  ClearTaskInstancesResource(ClearService clears, AuditLog audit) {
    this.clears = clears;
    this.audit = audit;
  }

  @POST
  @RolesAllowed("lead")
  public AirflowTaskInstanceReferenceCollection clear(
      @PathParam("dag_id") String dagId, ClearRequest body) {
    if (body == null) {
      throw ApiProblem.badRequest(
          "body: missing; send a ClearTaskInstances object, e.g. {\"dry_run\": true}");
    }
    List<TaskInstanceKey> cleared = clears.clear(dagId, body);
    // A dry run (Airflow's default) changes nothing, so there is nothing to audit.
    if (body.dryRun() != null && !body.dryRun()) {
      audit.record(
          "clear",
          AuditTargets.dag(dagId),
          Map.of(
              "task_instances",
              cleared.stream()
                  .map(
                      k ->
                          k.runId()
                              + "/"
                              + k.taskId()
                              + (k.mapIndex() < 0 ? "" : "/" + k.mapIndex()))
                  .toList()));
    }
    return new AirflowTaskInstanceReferenceCollection(
        cleared.stream().map(AirflowTaskInstanceReference::of).toList());
  }
}
