package dev.atelier.ui.rest.atelier;

import dev.atelier.ui.repository.PromotionAuditRow;
import dev.atelier.ui.service.ApiProblem;
import dev.atelier.ui.service.ChampionView;
import dev.atelier.ui.service.PromotionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The champion of a registered model and the promotion audit trail. */
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

  @GET
  @Path("/promotions")
  @RolesAllowed("viewer")
  public List<PromotionAuditRow> promotions(
      @QueryParam("model") String model, @QueryParam("limit") Integer limit) {
    int value = limit == null ? 100 : limit;
    if (value < 1 || value > 1000) {
      throw ApiProblem.badRequest("limit: " + value + " must be between 1 and 1000");
    }
    return promotions.history(model, value);
  }

  @GET
  @Path("/promotions/{id}")
  @RolesAllowed("viewer")
  public PromotionAuditRow promotion(@PathParam("id") long id) {
    return promotions
        .find(id)
        .orElseThrow(
            () -> ApiProblem.notFound("Promotion not found", "id: " + id + " is not a promotion"));
  }
}
