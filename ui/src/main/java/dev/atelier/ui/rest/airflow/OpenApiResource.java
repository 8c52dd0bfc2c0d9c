package dev.atelier.ui.rest.airflow;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * Where Airflow serves its API description ({@code /api/v1/openapi.yaml}): a redirect to the
 * document Quarkus generates from these resources ({@code /q/openapi}), so there is one document
 * and it cannot drift from the code.
 */
@Path("/api/v1")
public class OpenApiResource {

  @GET
  @Path("/openapi.yaml")
  @PermitAll
  public Response yaml() {
    return Response.temporaryRedirect(URI.create("/q/openapi?format=yaml")).build();
  }

  @GET
  @Path("/openapi.json")
  @PermitAll
  public Response json() {
    return Response.temporaryRedirect(URI.create("/q/openapi?format=json")).build();
  }
}
