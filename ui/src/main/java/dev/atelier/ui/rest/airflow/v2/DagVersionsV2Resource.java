package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.repository.DagRepository;
import dev.atelier.ui.repository.DagVersionRepository;
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
 * {@code /api/v2/dags/{dag_id}/dagVersions}: the versions a Dag went through, as {@link
 * dev.atelier.ui.service.DagVersions} recorded them at each start whose definition or build
 * changed. {@code bundle_name} filters on {@code atelier}, the one bundle.
 */
@Path("/api/v2/dags/{dag_id}/dagVersions")
@Produces(MediaType.APPLICATION_JSON)
public class DagVersionsV2Resource {
  private static final Map<String, String> ORDER = new LinkedHashMap<>();

  static {
    ORDER.put("id", "id");
    ORDER.put("version_number", "version_number");
    ORDER.put("bundle_name", "version_number");
    ORDER.put("bundle_version", "bundle_version");
  }

  private final DagRepository dags;
  private final DagVersionRepository versions;

  DagVersionsV2Resource(DagRepository dags, DagVersionRepository versions) {
    this.dags = dags;
    this.versions = versions;
  }

  @GET
  @RolesAllowed("viewer")
  public DagVersionCollectionResponse list(
      @PathParam("dag_id") String dagId,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("version_number") String versionNumber,
      @QueryParam("bundle_name") String bundleName,
      @QueryParam("bundle_version") String bundleVersion,
      @QueryParam("order_by") List<String> orderBy) {
    RequestChecks checks = new RequestChecks();
    checks.id("dag_id", dagId);
    Page page =
        new Page(
            checks.limit(limit),
            checks.offset(offset),
            checks.orderBy(orderBy, ORDER, "version_number", "version_number"));
    Integer number = checks.integer(RequestChecks.query("version_number"), versionNumber, 1);
    String bundle =
        checks.text(RequestChecks.query("bundle_name"), bundleName, RequestChecks.ID_LEN);
    String build =
        checks.text(RequestChecks.query("bundle_version"), bundleVersion, RequestChecks.ID_LEN);
    checks.throwIfAny();
    if (dags.find(dagId).isEmpty()) {
      throw NotFound.dag(dagId);
    }
    if (bundle != null && !bundle.isEmpty() && !bundle.equals(DagVersionResponse.BUNDLE)) {
      return new DagVersionCollectionResponse(List.of(), 0);
    }
    List<DagVersionResponse> all =
        versions.list(dagId, number, page).stream()
            .filter(v -> build == null || build.isEmpty() || v.bundleVersion().equals(build))
            .map(DagVersionResponse::of)
            .toList();
    long total = build == null || build.isEmpty() ? versions.count(dagId, number) : all.size();
    return new DagVersionCollectionResponse(all, total);
  }

  @GET
  @Path("/{version_number}")
  @RolesAllowed("viewer")
  public DagVersionResponse get(
      @PathParam("dag_id") String dagId, @PathParam("version_number") String versionNumber) {
    RequestChecks checks = new RequestChecks();
    checks.id("dag_id", dagId);
    Integer number = checks.integer(RequestChecks.path("version_number"), versionNumber, 1);
    if (checks.ok() && number == null) {
      checks.add(Violation.missing(RequestChecks.path("version_number")));
    }
    checks.throwIfAny();
    return versions
        .find(dagId, number)
        .map(DagVersionResponse::of)
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    "Dag version not found",
                    "The DagVersion with dag_id: `"
                        + dagId
                        + "` and version_number: `"
                        + number
                        + "` was not found"));
  }
}
