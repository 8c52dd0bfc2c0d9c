package dev.atelier.ui.rest.atelier;

import dev.atelier.ui.service.ApiProblem;
import dev.atelier.ui.service.AuditLog;
import dev.atelier.ui.service.AuditTargets;
import dev.atelier.ui.service.ParallelismChange;
import dev.atelier.ui.service.SweepControls;
import dev.atelier.ui.service.SweepDetail;
import dev.atelier.ui.service.SweepDetails;
import dev.atelier.ui.service.TrialsToAdd;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;

/**
 * One sweep (a mapped train task of a Dag run): what the sweep page draws, and a lead's controls
 * over it while it runs. Reading needs any signed-in user; the controls need {@code lead} (or
 * {@code admin}). Rooted at {@code /api/atelier} like {@link SweepsResource}: a longer root path
 * would win the match for every {@code /api/atelier/dags/…} request and hide those endpoints.
 */
@Path("/api/atelier")
@Produces(MediaType.APPLICATION_JSON)
public class SweepPageResource {
  private static final String SWEEP = "/dags/{dagId}/runs/{runId}/sweeps/{taskId}";

  private final SweepDetails details;
  private final SweepControls controls;
  private final AuditLog audit;

  SweepPageResource(SweepDetails details, SweepControls controls, AuditLog audit) {
    this.details = details;
    this.controls = controls;
    this.audit = audit;
  }

  @GET
  @Path(SWEEP)
  @RolesAllowed("viewer")
  public SweepDetail sweep(
      @PathParam("dagId") String dagId,
      @PathParam("runId") String runId,
      @PathParam("taskId") String taskId) {
    return details
        .detail(dagId, runId, taskId)
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    "Sweep not found",
                    "task_id: '"
                        + taskId
                        + "' has no sweep in DAGRun '"
                        + runId
                        + "' of DAG '"
                        + dagId
                        + "' (no such run, or no trials and no MLflow sweep run for that task)"));
  }

  /** Changes how many trials run at once: {@code {"max_parallel_trials": n}}. */
  @PATCH
  @Path(SWEEP)
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("lead")
  public SweepControls.Result limits(
      @PathParam("dagId") String dagId,
      @PathParam("runId") String runId,
      @PathParam("taskId") String taskId,
      @Valid @NotNull(message = "is required: {\"max_parallel_trials\": 4}")
          ParallelismChange body) {
    SweepControls.Result r =
        controls.setMaxParallelTrials(dagId, runId, taskId, body.maxParallelTrials());
    audit.record(
        "sweep-parallelism",
        AuditTargets.sweep(dagId, runId, taskId),
        Map.of("max_parallel_trials", r.maxParallelTrials()));
    return r;
  }

  /** Raises the sweep's trial budget: {@code {"count": n}}. */
  @POST
  @Path(SWEEP + "/trials")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("lead")
  public SweepControls.Result addTrials(
      @PathParam("dagId") String dagId,
      @PathParam("runId") String runId,
      @PathParam("taskId") String taskId,
      @Valid @NotNull(message = "is required: {\"count\": 4}") TrialsToAdd body) {
    SweepControls.Result r = controls.addTrials(dagId, runId, taskId, body.count());
    audit.record(
        "sweep-add-trials",
        AuditTargets.sweep(dagId, runId, taskId),
        Map.of("count", body.count(), "max_trials", r.maxTrials()));
    return r;
  }

  /** Stops the sweep early: no new trial starts, running ones stop, its best trial stands. */
  @POST
  @Path(SWEEP + "/stop")
  @RolesAllowed("lead")
  public SweepControls.Result stop(
      @PathParam("dagId") String dagId,
      @PathParam("runId") String runId,
      @PathParam("taskId") String taskId,
      @Context SecurityContext security) {
    SweepControls.Result r =
        controls.stop(dagId, runId, taskId, security.getUserPrincipal().getName());
    audit.record("sweep-stop", AuditTargets.sweep(dagId, runId, taskId), Map.of());
    return r;
  }
}
