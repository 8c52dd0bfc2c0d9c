package dev.atelier.ui.rest.atelier;

import dev.atelier.ui.config.AtelierConfig;
import dev.atelier.ui.repository.PromotionAuditRow;
import dev.atelier.ui.service.ApiProblem;
import dev.atelier.ui.service.ArtifactBody;
import dev.atelier.ui.service.ArtifactPaths;
import dev.atelier.ui.service.MetricHistory;
import dev.atelier.ui.service.MetricPoint;
import dev.atelier.ui.service.MlflowRuns;
import dev.atelier.ui.service.PromotionRequest;
import dev.atelier.ui.service.PromotionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;

/** One MLflow run: metric curves, artifacts (sample grids), and promotion of its checkpoint. */
@Path("/api/atelier/runs/{runId}")
public class RunsResource {
  private final MlflowRuns mlflow;
  private final PromotionService promotions;

  private final long maxBytes;

  RunsResource(MlflowRuns mlflow, PromotionService promotions, AtelierConfig config) {
    this.mlflow = mlflow;
    this.promotions = promotions;
    this.maxBytes = config.artifacts().maxBytes();
  }

  @GET
  @Path("/metrics/{key}")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed("viewer")
  public MetricSeries metric(@PathParam("runId") String runId, @PathParam("key") String key) {
    requireRun(runId);
    List<MetricPoint> history = mlflow.history(runId, key);
    return new MetricSeries(
        runId, key, history.size(), MetricHistory.downsample(history, MetricHistory.MAX_POINTS));
  }

  /**
   * The artifact, for the pages: a small file (a grid) from memory, a larger one streamed from
   * MLflow as it arrives, never held whole; one over {@code atelier.artifacts.max-bytes} is a 400
   * naming the path and the limit. Artifacts are written once and never change, so browsers may
   * keep them for good; the ETag (the content's hash, or MLflow's own for a streamed file) lets a
   * revalidating client skip the body.
   */
  @GET
  @Path("/artifacts/{path: .+}")
  @RolesAllowed("viewer")
  public Response artifact(
      @PathParam("runId") String runId,
      @PathParam("path") String path,
      @HeaderParam("If-None-Match") String ifNoneMatch) {
    String checked = ArtifactPaths.checked(path);
    String type = ArtifactResponses.mediaType(checked);
    ArtifactBody body =
        mlflow
            .openArtifact(runId, checked, maxBytes)
            .orElseThrow(
                () ->
                    ApiProblem.notFound(
                        "Artifact not found",
                        "path: '"
                            + checked
                            + "' is not an artifact of MLflow run '"
                            + runId
                            + "'"));
    Response.ResponseBuilder r;
    String etag;
    if (body instanceof ArtifactBody.InMemory whole) {
      etag = ArtifactResponses.etag(whole.bytes());
      r = etag.equals(ifNoneMatch) ? Response.notModified() : Response.ok(whole.bytes(), type);
    } else {
      ArtifactBody.Streamed streamed = (ArtifactBody.Streamed) body;
      etag = streamed.etag();
      if (etag != null && etag.equals(ifNoneMatch)) {
        streamed.discard();
        r = Response.notModified();
      } else {
        r = Response.ok((StreamingOutput) streamed::copyTo, type);
        if (streamed.length() >= 0) {
          r.header("Content-Length", streamed.length());
        }
      }
    }
    if (etag != null) {
      r.header("ETag", etag);
    }
    return r.header("Cache-Control", ArtifactResponses.IMMUTABLE).build();
  }

  /**
   * Registers the checkpoint at the step the lead saw and moves {@code champion} to it ({@link
   * PromotionService}); 201 with the audit row, its Location the promotion with its evidence.
   */
  @POST
  @Path("/promote")
  @RolesAllowed("lead")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response promote(
      @PathParam("runId") String runId,
      @Valid @NotNull(message = "is required: {\"step\": 300, \"reason\": \"...\"}")
          PromotionRequest body,
      @Context SecurityContext security) {
    PromotionAuditRow row = promotions.promote(runId, body, security.getUserPrincipal().getName());
    return Response.created(UriBuilder.fromPath("/api/atelier/promotions/{id}").build(row.id()))
        .entity(row)
        .build();
  }

  private void requireRun(String runId) {
    if (mlflow.run(runId).isEmpty()) {
      throw ApiProblem.notFound(
          "Run not found", "mlflow_run_id: '" + runId + "' is not an MLflow run");
    }
  }
}
