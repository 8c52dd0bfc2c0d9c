package dev.atelier.ui.rest.airflow.v2;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code GET /api/v2/version}: Atelier's version (the build's), open like Airflow's. */
@Path("/api/v2/version")
@Produces(MediaType.APPLICATION_JSON)
public class VersionV2Resource {
  private final String version;

  VersionV2Resource(@ConfigProperty(name = "quarkus.application.version") String version) {
    this.version = version;
  }

  @GET
  @PermitAll
  public VersionInfo version() {
    return new VersionInfo(version, null);
  }
}
