package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.repository.AssetAliasRepository;
import dev.atelier.ui.repository.AssetAliasRow;
import dev.atelier.ui.repository.Page;
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
 * {@code /api/v2/assets/aliases}: Airflow 3's asset aliases, from the {@code asset_alias} table:
 * every alias a Dag declares (in a schedule or a task's outlets, stored when the Dags are
 * registered) and every alias a task added events through. {@code name_pattern} is a
 * case-insensitive substring, {@code name_prefix_pattern} a case-sensitive prefix, as in Airflow.
 */
@Path("/api/v2/assets/aliases")
@Produces(MediaType.APPLICATION_JSON)
public class AssetAliasesV2Resource {
  private static final Map<String, String> ORDER = Map.of("id", "a.id", "name", "a.name");

  private final AssetAliasRepository aliases;

  AssetAliasesV2Resource(AssetAliasRepository aliases) {
    this.aliases = aliases;
  }

  @GET
  @RolesAllowed("viewer")
  public AssetAliasCollectionResponse list(
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("name_pattern") String namePattern,
      @QueryParam("name_prefix_pattern") String namePrefix,
      @QueryParam("order_by") List<String> orderBy) {
    RequestChecks checks = new RequestChecks();
    int lim = checks.limit(limit);
    int off = checks.offset(offset);
    checks.text(RequestChecks.query("name_pattern"), namePattern, 1500);
    checks.text(RequestChecks.query("name_prefix_pattern"), namePrefix, 1500);
    String order = checks.orderBy(orderBy, ORDER, "a.id", "a.id");
    checks.throwIfAny();
    List<AssetAliasRow> rows = aliases.list(namePattern, namePrefix, new Page(lim, off, order));
    return new AssetAliasCollectionResponse(
        rows.stream().map(AssetAliasResponse::of).toList(), aliases.count(namePattern, namePrefix));
  }

  @GET
  @Path("/{asset_alias_id}")
  @RolesAllowed("viewer")
  public AssetAliasResponse get(@PathParam("asset_alias_id") String aliasId) {
    RequestChecks checks = new RequestChecks();
    Integer id = checks.integer(RequestChecks.path("asset_alias_id"), aliasId, null);
    checks.throwIfAny();
    return aliases
        .find(id)
        .map(AssetAliasResponse::of)
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    "Asset alias not found",
                    "The Asset Alias with ID: `" + id + "` was not found"));
  }
}
