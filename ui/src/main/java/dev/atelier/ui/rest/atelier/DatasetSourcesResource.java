package dev.atelier.ui.rest.atelier;

import dev.atelier.ui.repository.DatasetVersionRow;
import dev.atelier.ui.service.DatasetScanOutcome;
import dev.atelier.ui.service.DatasetSourceView;
import dev.atelier.ui.service.DatasetSources;
import dev.atelier.ui.service.DatasetVersionSummary;
import dev.atelier.ui.service.NewDatasetSource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;

/**
 * {@code /api/atelier/datasets}: the watched dataset sources and their versions. Registering a
 * source takes a lead (it makes the app read a folder on its own, for good); scanning now takes a
 * member, like reporting a dataset event; reading takes a viewer.
 */
@Path("/api/atelier/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetSourcesResource {
  private final DatasetSources sources;

  DatasetSourcesResource(DatasetSources sources) {
    this.sources = sources;
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

  @POST
  @Path("/{name}/scan")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("member")
  public DatasetScanOutcome scan(@PathParam("name") String name) {
    return sources.scan(name);
  }
}
