package dev.atelier.ui.rest.atelier;

import dev.atelier.ui.repository.DatasetVersionRow;
import dev.atelier.ui.rest.airflow.QueryValues;
import dev.atelier.ui.service.DatasetScanOutcome;
import dev.atelier.ui.service.DatasetSourceView;
import dev.atelier.ui.service.DatasetSources;
import dev.atelier.ui.service.DatasetThumbnails;
import dev.atelier.ui.service.DatasetVersionRun;
import dev.atelier.ui.service.DatasetVersionRuns;
import dev.atelier.ui.service.DatasetVersionSummary;
import dev.atelier.ui.service.NewDatasetSource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/atelier/datasets}: the watched dataset sources and their versions. Registering a
 * source takes a lead (it makes the app read a folder on its own, for good); scanning now takes a
 * member, like reporting a dataset event; reading, thumbnails of its images included, takes a
 * viewer.
 */
@Path("/api/atelier/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetSourcesResource {
  /** A thumbnail's default width: the datasets page's tiles. */
  static final int THUMBNAIL_WIDTH = 96;

  /**
   * A file's content can change under the same path (a rewritten image), so browsers keep a
   * thumbnail a minute and then revalidate with its ETag.
   */
  static final String THUMBNAIL_CACHE = "private, max-age=60";

  private final DatasetSources sources;
  private final DatasetThumbnails thumbnails;
  private final DatasetVersionRuns runs;

  DatasetSourcesResource(
      DatasetSources sources, DatasetThumbnails thumbnails, DatasetVersionRuns runs) {
    this.sources = sources;
    this.thumbnails = thumbnails;
    this.runs = runs;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("lead")
  public Response register(NewDatasetSource body) {
    DatasetSourceView added = sources.register(body);
    return Response.created(UriBuilder.fromPath("/api/atelier/datasets/{name}").build(added.name()))
        .entity(added)
        .build();
  }

  /**
   * Changes whether training leaves the source's duplicates and rejects out: {@code
   * {"exclude_duplicates": true, "exclude_rejects": false}}, either or both. A lead's call, like
   * registering.
   */
  @PATCH
  @Path("/{name}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("lead")
  public DatasetSourceView change(@PathParam("name") String name, Map<String, Object> body) {
    return sources.changeExclusions(name, body);
  }

  @GET
  @RolesAllowed("viewer")
  public List<DatasetSourceView> list() {
    return sources.list();
  }

  @GET
  @Path("/{name}/versions")
  @RolesAllowed("viewer")
  public List<DatasetVersionSummary> versions(@PathParam("name") String name) {
    return sources.versions(name);
  }

  @GET
  @Path("/{name}/versions/{number}")
  @RolesAllowed("viewer")
  public DatasetVersionRow version(
      @PathParam("name") String name, @PathParam("number") String number) {
    return sources.version(name, number);
  }

  /** The MLflow runs trained on the version (lineage tags), with their latest metrics. */
  @GET
  @Path("/{name}/versions/{number}/runs")
  @RolesAllowed("viewer")
  public List<DatasetVersionRun> runs(
      @PathParam("name") String name, @PathParam("number") String number) {
    return runs.runs(name, number);
  }

  /**
   * One image of the source, at most {@code width} pixels wide, as PNG: only files inside the
   * source's folder (400 naming {@code path} otherwise), 404 for one not there.
   */
  @GET
  @Path("/{name}/thumbnail")
  @Produces("image/png")
  @RolesAllowed("viewer")
  public Response thumbnail(
      @PathParam("name") String name,
      @QueryParam("path") String path,
      @QueryParam("width") String width,
      @HeaderParam("If-None-Match") String ifNoneMatch) {
    byte[] png =
        thumbnails.thumbnail(
            name,
            path,
            Optional.ofNullable(QueryValues.optionalInteger("width", width))
                .orElse(THUMBNAIL_WIDTH));
    String etag = ArtifactResponses.etag(png);
    Response.ResponseBuilder r =
        etag.equals(ifNoneMatch) ? Response.notModified() : Response.ok(png, "image/png");
    return r.header("ETag", etag).header("Cache-Control", THUMBNAIL_CACHE).build();
  }

  @POST
  @Path("/{name}/scan")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("member")
  public DatasetScanOutcome scan(@PathParam("name") String name) {
    return sources.scan(name);
  }
}
