package dev.atelier.ui.rest.airflow.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The v2 API's OpenAPI document, written by hand ({@code openapi/airflow-v2.yaml}, read with
 * jackson-dataformat-yaml) because it states what the generated one cannot: integer and date-time
 * parameters that these resources take as text to answer 422 themselves, nullable fields, the 422
 * shape. {@code OpenApiV2DocumentTest} holds it to the resources' paths and methods.
 */
@Path("/api/v2")
public class OpenApiV2Resource {
  static final String DOCUMENT = "openapi/airflow-v2.yaml";

  private final String yaml;
  private final String json;

  OpenApiV2Resource() {
    try (InputStream in = OpenApiV2Resource.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        throw new IllegalStateException(DOCUMENT + " is missing from the build");
      }
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      JsonNode tree = new YAMLMapper().readTree(yaml);
      json = new ObjectMapper().writeValueAsString(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @GET
  @Path("/openapi.yaml")
  @Produces("application/yaml")
  @PermitAll
  public String yaml() {
    return yaml;
  }

  @GET
  @Path("/openapi.json")
  @Produces("application/json")
  @PermitAll
  public String json() {
    return json;
  }
}
