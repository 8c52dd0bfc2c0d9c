package dev.atelier.ui.rest.atelier;

import dev.atelier.ui.repository.PromotionAuditRow;
import dev.atelier.ui.rest.airflow.Paging;
import dev.atelier.ui.rest.airflow.QueryValues;
import dev.atelier.ui.service.ApiProblem;
import dev.atelier.ui.service.ChampionView;
import dev.atelier.ui.service.PromotionPreview;
import dev.atelier.ui.service.PromotionService;
import dev.atelier.ui.service.RegisteredModels;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The champion of a registered model, the promotion audit trail with each promotion's evidence, and
 * the preview the promote dialog shows before a lead confirms. Reading is a viewer's right;
 * promoting itself ({@code POST /api/atelier/runs/{runId}/promote}) needs a lead.
 */
@Path("/api/atelier")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {
  private final PromotionService promotions;

  ModelsResource(PromotionService promotions) {
    this.promotions = promotions;
  }

  @GET
  @Path("/models/{model}/champion")
  @RolesAllowed("viewer")
  public ChampionView champion(@PathParam("model") String model) {
    RegisteredModels.checked("model", model);
    return promotions
        .champion(model)
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    "No champion",
                    "model: '"
                        + model
                        + "' has no version with alias '"
                        + PromotionService.ALIAS
                        + "'"));
  }

  /**
   * The same champion as a list of zero or one: how a page asks whether a model has one without a
   * 404 (which a browser logs as an error).
   */
  @GET
  @Path("/champions")
  @RolesAllowed("viewer")
  public List<ChampionView> champions(@QueryParam("model") String model) {
    RegisteredModels.checked("model", model);
    return promotions.champion(model).stream().toList();
  }

  @GET
  @Path("/promotions")
  @RolesAllowed("viewer")
  public List<PromotionAuditRow> promotions(
      @QueryParam("model") String model, @QueryParam("limit") String limit) {
    return promotions.history(model, Paging.limit(limit));
  }

  /** One promotion with its evidence (grid, metrics, params, sheet, replaced champion, review). */
  @GET
  @Path("/promotions/{id}")
  @RolesAllowed("viewer")
  public PromotionAuditRow promotion(@PathParam("id") String id) {
    long number = id(id);
    return promotions.find(number).orElseThrow(() -> notFound(number));
  }

  /** The copy of the grid at the promoted step, kept even if the run is deleted. */
  @GET
  @Path("/promotions/{id}/grid.png")
  @Produces("image/png")
  @RolesAllowed("viewer")
  public Response grid(@PathParam("id") String id) {
    long number = id(id);
    byte[] png =
        promotions
            .grid(number)
            .orElseThrow(
                () ->
                    ApiProblem.notFound(
                        "Grid not found",
                        "id: " + number + " is not a promotion with a kept grid"));
    return Response.ok(png, "image/png")
        .header("Cache-Control", "public, max-age=31536000, immutable")
        .build();
  }

  /**
   * What promoting {@code mlflow_run_id} at {@code step} would register, and the champion it would
   * replace; {@code refusal} says why it would be refused. Writes nothing.
   */
  @GET
  @Path("/promotion-preview")
  @RolesAllowed("viewer")
  public PromotionPreview preview(
      @QueryParam("mlflow_run_id") String mlflowRunId,
      @QueryParam("step") String step,
      @QueryParam("model") String model) {
    if (mlflowRunId == null || mlflowRunId.isBlank()) {
      throw ApiProblem.badRequest("mlflow_run_id: '" + mlflowRunId + "' is required");
    }
    if (step == null || step.isBlank()) {
      throw ApiProblem.badRequest(
          "step: '" + step + "' is required: a sample step (e.g. 300) or \"final\"");
    }
    return promotions.preview(mlflowRunId, step, model);
  }

  private static ApiProblem notFound(long id) {
    return ApiProblem.notFound("Promotion not found", "id: " + id + " is not a promotion");
  }

  /** A promotion's id: a whole number ("abc" is a 400 naming it, not a 404). */
  private static long id(String id) {
    return QueryValues.longInteger("path", "id", id);
  }
}
