package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.repository.DatasetRepository;
import dev.atelier.ui.repository.Page;
import dev.atelier.ui.service.ApiProblem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/datasets}: the datasets Atelier has heard of (each created by its first event).
 * {@code dag_ids} filters by consuming or producing Dag; none declares datasets yet, so any {@code
 * dag_ids} matches nothing.
 */
@Path("/api/v1/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetsResource {
  private static final Map<String, String> ORDER = new LinkedHashMap<>();

  static {
    ORDER.put("id", "id");
    ORDER.put("uri", "uri");
    ORDER.put("created_at", "created_at");
    ORDER.put("updated_at", "updated_at");
  }

  private final DatasetRepository datasets;

  DatasetsResource(DatasetRepository datasets) {
    this.datasets = datasets;
  }

  @GET
  @RolesAllowed("viewer")
  public AirflowDatasetCollection list(
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("order_by") String orderBy,
      @QueryParam("uri_pattern") String uriPattern,
      @QueryParam("dag_ids") String dagIds) {
    Page page =
        new Page(
            Paging.limit(limit), Paging.offset(offset), OrderBy.sql(orderBy, ORDER, "id", "id"));
    if (!QueryValues.all(dagIds == null ? null : List.of(dagIds)).isEmpty()) {
      return new AirflowDatasetCollection(List.of(), 0);
    }
    return new AirflowDatasetCollection(
        datasets.list(uriPattern, page).stream().map(AirflowDataset::of).toList(),
        datasets.count(uriPattern));
  }

  /** The URI is the rest of the path, so {@code file:///data/x} may come encoded or not. */
  @GET
  @Path("/{uri: .+}")
  @RolesAllowed("viewer")
  public AirflowDataset get(@PathParam("uri") String uri) {
    return datasets
        .find(uri)
        .map(AirflowDataset::of)
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    "Dataset not found", "The Dataset with uri: `" + uri + "` was not found"));
  }
}
