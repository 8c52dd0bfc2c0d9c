package dev.atelier.ui.rest.airflow.v2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A v2 request body read as pydantic reads Airflow 3's body models: it must be a JSON object, with
 * no field the model does not have ({@code extra_forbidden}), each field of its type. Violations go
 * to the request's {@link RequestChecks}; a getter answers null for an absent, null or bad field.
 */
final class JsonBody {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode node;
  private final RequestChecks checks;

  private JsonBody(ObjectNode node, RequestChecks checks) {
    this.node = node;
    this.checks = checks;
  }

  /**
   * @param fields the model's field names; any other is refused
   */
  static JsonBody parse(String text, Set<String> fields, RequestChecks checks) {
    if (text == null || text.isBlank()) {
      checks.add(Violation.missing(List.of("body")));
      return new JsonBody(JSON.createObjectNode(), checks);
    }
    JsonNode parsed;
    try {
      parsed = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      long at = e.getLocation() == null ? 0 : e.getLocation().getCharOffset();
      checks.add(
          new Violation(
              "json_invalid",
              List.of("body", at),
              "body: is not valid JSON at character " + at + " (" + e.getOriginalMessage() + ")",
              Map.of(),
              Map.of("error", String.valueOf(e.getOriginalMessage()))));
      return new JsonBody(JSON.createObjectNode(), checks);
    }
    if (!(parsed instanceof ObjectNode object)) {
      checks.add(
          Violation.of(
              "model_attributes_type",
              List.of("body"),
              parsed.toString(),
              "must be a JSON object"));
      return new JsonBody(JSON.createObjectNode(), checks);
    }
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!fields.contains(name)) {
        checks.add(
            new Violation(
                "extra_forbidden",
                RequestChecks.body(name),
                name
                    + ": "
                    + object.get(name)
                    + " is not a field of this body; it takes "
                    + fields.stream().sorted().toList(),
                JSON.convertValue(object.get(name), Object.class),
                null));
      }
    }
    return new JsonBody(object, checks);
  }

  boolean has(String name) {
    return node.has(name);
  }

  boolean isNull(String name) {
    return node.has(name) && node.get(name).isNull();
  }

  String string(String name, int maxLength) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      checks.add(Violation.of("string_type", RequestChecks.body(name), raw(v), "is not a string"));
      return null;
    }
    return checks.text(RequestChecks.body(name), v.textValue(), maxLength);
  }

  Boolean bool(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      checks.add(
          Violation.of(
              "bool_type", RequestChecks.body(name), raw(v), "is not a boolean (true or false)"));
      return null;
    }
    return v.booleanValue();
  }

  /** A whole number of at least {@code min}. */
  Integer integer(String name, int min) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      checks.add(
          Violation.of(
              "int_type",
              RequestChecks.body(name),
              raw(v),
              v.isIntegralNumber() ? RequestChecks.OUT_OF_RANGE : "is not a valid integer"));
      return null;
    }
    if (v.intValue() < min) {
      checks.add(
          new Violation(
              "greater_than_equal",
              RequestChecks.body(name),
              name + ": " + v.intValue() + " must be greater than or equal to " + min,
              v.intValue(),
              Map.of("ge", min)));
      return null;
    }
    return v.intValue();
  }

  OffsetDateTime dateTime(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      checks.add(
          Violation.of(
              "datetime_type",
              RequestChecks.body(name),
              raw(v),
              "is not an RFC 3339 date-time string"));
      return null;
    }
    if (v.textValue().isBlank()) {
      // A query's empty value counts as absent; a body's "" is there and is no date.
      checks.add(
          Violation.of(
              "datetime_parsing",
              RequestChecks.body(name),
              v.textValue(),
              "is not an RFC 3339 date-time (e.g. 2026-01-31T12:00:00Z)"));
      return null;
    }
    return checks.dateTime(RequestChecks.body(name), v.textValue());
  }

  /** One of {@code allowed} (a string enum). */
  String oneOf(String name, Collection<String> allowed) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() || !allowed.contains(v.textValue())) {
      checks.add(
          new Violation(
              "enum",
              RequestChecks.body(name),
              name + ": " + v + " is not one of " + List.copyOf(allowed),
              raw(v),
              Map.of("expected", List.copyOf(allowed))));
      return null;
    }
    return v.textValue();
  }

  /** A JSON array of strings, each storable and at most {@code maxLength}; null when absent. */
  List<String> strings(String name, int maxLength) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      checks.add(Violation.of("list_type", RequestChecks.body(name), raw(v), "is not a list"));
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      if (!item.isTextual()) {
        checks.add(
            Violation.of("string_type", RequestChecks.body(name, i), raw(item), "is not a string"));
        return null;
      }
      String text = checks.text(RequestChecks.body(name, i), item.textValue(), maxLength);
      if (text == null) {
        return null;
      }
      out.add(text);
    }
    return out;
  }

  /** A JSON integer (pydantic's StrictInt: {@code "3"} and {@code 3.0} are refused). */
  Long integer(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      checks.add(
          Violation.of("int_type", RequestChecks.body(name), raw(v), "is not a valid integer"));
      return null;
    }
    return v.longValue();
  }

  /** A JSON number (pydantic's StrictFloat or StrictInt: {@code "3"} is refused). */
  Double number(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
      checks.add(
          Violation.of("float_type", RequestChecks.body(name), raw(v), "is not a valid number"));
      return null;
    }
    return v.doubleValue();
  }

  /** A JSON object (Airflow's {@code conf}); strings in it must be storable (no NUL). */
  @SuppressWarnings("unchecked")
  Map<String, Object> object(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      checks.add(
          Violation.of("dict_type", RequestChecks.body(name), raw(v), "is not a JSON object"));
      return null;
    }
    List<String> nul = new ArrayList<>();
    findNul(v, name, nul);
    if (!nul.isEmpty()) {
      checks.add(
          Violation.of(
              "string_pattern_mismatch",
              RequestChecks.body(name),
              v.toString().replace("\\u0000", "\\\\u0000"),
              "holds the NUL character (U+0000) at " + nul + "; it cannot be stored"));
      return null;
    }
    return JSON.convertValue(v, Map.class);
  }

  private static void findNul(JsonNode v, String at, List<String> found) {
    if (v.isTextual() && v.textValue().indexOf('\0') >= 0) {
      found.add(at);
    } else if (v.isObject()) {
      v.fields()
          .forEachRemaining(
              e -> {
                if (e.getKey().indexOf('\0') >= 0) {
                  found.add(at + " (a key)");
                }
                findNul(e.getValue(), at + "." + e.getKey(), found);
              });
    } else if (v.isArray()) {
      for (int i = 0; i < v.size(); i++) {
        findNul(v.get(i), at + "[" + i + "]", found);
      }
    }
  }

  private static Object raw(JsonNode v) {
    return JSON.convertValue(v, Object.class);
  }
}
