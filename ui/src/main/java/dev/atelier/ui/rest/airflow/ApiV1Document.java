package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.rest.ApiError;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Makes the generated document of {@code /api/v1} say what the endpoints check, as Airflow's own
 * spec does, so a client generator or a fuzzer (OpenApiFuzzTest) works from the truth: the query
 * parameters the resources read as text to refuse them with a 400 of their own (instead of JAX-RS's
 * 404) are typed here (integers with their bounds, booleans, date-times); every operation lists its
 * refusals (400, 404, 409, 415, 503) with Airflow's Error object; a delete answers 204.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiV1Document implements OASFilter {
  private static final String ERROR = "AirflowError";

  @Override
  public void filterOpenAPI(OpenAPI api) {
    api.getComponents().addSchema(ERROR, errorSchema());
    // As in Airflow's spec, a field of an answer may be null (a run not yet started has no
    // start_date; Atelier has no pickles or scheduler locks).
    api.getComponents()
        .getSchemas()
        .forEach(
            (name, schema) -> {
              if (name.startsWith("Airflow") && schema.getProperties() != null) {
                Map<String, Schema> fields = new LinkedHashMap<>();
                schema.getProperties().forEach((field, type) -> fields.put(field, nullable(type)));
                schema.setProperties(fields);
              }
            });
    api.getPaths()
        .getPathItems()
        .forEach(
            (path, item) -> {
              if (path.startsWith("/api/v1/") && !documentOrHealth(path)) {
                item.getOperations().forEach((method, op) -> describe(path, method, op));
              }
            });
  }

  private static boolean documentOrHealth(String path) {
    return path.equals("/api/v1/health") || path.startsWith("/api/v1/openapi.");
  }

  private static void describe(String path, PathItem.HttpMethod method, Operation op) {
    if (op.getParameters() != null) {
      op.getParameters().forEach(ApiV1Document::type);
    }
    APIResponses responses = op.getResponses();
    if (method == PathItem.HttpMethod.DELETE && responses.hasAPIResponse("200")) {
      responses.removeAPIResponse("200");
      responses.addAPIResponse("204", OASFactory.createAPIResponse().description("Deleted"));
    }
    boolean hasInput = op.getParameters() != null && !op.getParameters().isEmpty();
    if (hasInput || op.getRequestBody() != null) {
      error(responses, "400", "A value breaks a rule; the detail names the field, value and rule");
    }
    if (op.getRequestBody() != null) {
      error(responses, "415", "The body is not sent as application/json");
    }
    if (path.contains("{")) {
      error(responses, "404", "No such Dag, run, task instance, dataset or pool");
    }
    if (method == PathItem.HttpMethod.PATCH && path.equals("/api/v1/dags/{dag_id}")) {
      // Read as a map (the rest of a DAG object may come along and is ignored); only is_paused
      // counts.
      op.getRequestBody()
          .required(true)
          .getContent()
          .getMediaType("application/json")
          .schema(
              OASFactory.createSchema()
                  .addType(SchemaType.OBJECT)
                  .required(List.of("is_paused"))
                  .properties(
                      Map.of("is_paused", OASFactory.createSchema().addType(SchemaType.BOOLEAN))));
    }
    if (method == PathItem.HttpMethod.POST && path.endsWith("/dagRuns")) {
      error(responses, "409", "The run id or logical date is taken");
      op.getRequestBody().required(true);
    }
    error(responses, "503", "The database, Temporal or MLflow is unavailable; retry");
  }

  /** Query and path values the resources read as text, by name, with Airflow's types. */
  private static void type(Parameter p) {
    Schema schema =
        switch (p.getName()) {
          case "limit" -> integer(1, Paging.MAX_LIMIT);
          case "offset" -> integer(0, Integer.MAX_VALUE);
          case "map_index", "source_map_index" -> integer(-1, Integer.MAX_VALUE);
          case "dataset_id" -> integer(0, Long.MAX_VALUE).format("int64");
          case "paused", "deserialize" -> OASFactory.createSchema().addType(SchemaType.BOOLEAN);
          case "execution_date_gte",
                  "execution_date_lte",
                  "start_date_gte",
                  "start_date_lte",
                  "end_date_gte",
                  "end_date_lte" ->
              OASFactory.createSchema().addType(SchemaType.STRING).format("date-time");
          default -> null;
        };
    if (schema != null) {
      p.setSchema(schema);
    }
  }

  private static Schema nullable(Schema property) {
    if (property.getRef() != null) {
      return OASFactory.createSchema()
          .anyOf(List.of(property, OASFactory.createSchema().addType(SchemaType.NULL)));
    }
    if (property.getType() != null && !property.getType().contains(SchemaType.NULL)) {
      property.addType(SchemaType.NULL);
    }
    return property;
  }

  private static Schema integer(long min, long max) {
    return OASFactory.createSchema()
        .addType(SchemaType.INTEGER)
        .minimum(BigDecimal.valueOf(min))
        .maximum(BigDecimal.valueOf(max));
  }

  private static void error(APIResponses responses, String status, String description) {
    if (responses.hasAPIResponse(status)) {
      return;
    }
    responses.addAPIResponse(
        status,
        OASFactory.createAPIResponse()
            .description(description)
            .content(
                OASFactory.createContent()
                    .addMediaType(
                        "application/json",
                        OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref(ERROR)))));
  }

  /** {@link ApiError}: Airflow's Error object (RFC 7807 problem details). */
  private static Schema errorSchema() {
    Schema text = OASFactory.createSchema().addType(SchemaType.STRING);
    return OASFactory.createSchema()
        .addType(SchemaType.OBJECT)
        .properties(
            Map.of(
                "type", text,
                "title", text,
                "status", OASFactory.createSchema().addType(SchemaType.INTEGER),
                "detail", text))
        .required(List.of("type", "title", "status", "detail"));
  }
}
