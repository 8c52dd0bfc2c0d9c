package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.service.ApiProblem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v2/assets/aliases}: Airflow 3's asset aliases. Atelier's Dags cannot declare an
 * {@code AssetAlias} yet (a task emits events on the assets it names in its outlets, never through
 * an alias resolved at run time), so the list is empty and every id is a 404; the parameters are
 * still checked as Airflow 3 checks them, so a client's bad request is told so.
 */
@Path("/api/v2/assets/aliases")
@Produces(MediaType.APPLICATION_JSON)
public class AssetAliasesV2Resource {
  private static final Map<String, String> ORDER = Map.of("id", "id", "name", "name");

  @GET
  @RolesAllowed("viewer")
  public AssetAliasCollectionResponse list(
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("name_pattern") String namePattern,
      @QueryParam("name_prefix_pattern") String namePrefix,
      @QueryParam("order_by") List<String> orderBy) {
    RequestChecks checks = new RequestChecks();
    checks.limit(limit);
    checks.offset(offset);
    checks.text(RequestChecks.query("name_pattern"), namePattern, 1500);
    checks.text(RequestChecks.query("name_prefix_pattern"), namePrefix, 1500);
    checks.orderBy(orderBy, ORDER, "id", "id");
    checks.throwIfAny();
    return new AssetAliasCollectionResponse(List.of(), 0);
  }

  @GET
  @Path("/{asset_alias_id}")
  @RolesAllowed("viewer")
  public AssetAliasResponse get(@PathParam("asset_alias_id") String aliasId) {
    RequestChecks checks = new RequestChecks();
    Integer id = checks.integer(RequestChecks.path("asset_alias_id"), aliasId, null);
    checks.throwIfAny();
    throw ApiProblem.notFound(
        "Asset alias not found", "The Asset Alias with ID: `" + id + "` was not found");
  }
}
