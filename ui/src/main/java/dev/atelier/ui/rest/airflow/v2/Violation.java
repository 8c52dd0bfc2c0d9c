package dev.atelier.ui.rest.airflow.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One entry of FastAPI's 422 answer (Airflow 3's {@code ValidationError}): where the bad value was
 * ({@code loc}, e.g. {@code ["query", "limit"]}), pydantic's error type, the value itself, and a
 * message that names the field, the value and the rule on its own.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Violation(
    String type, List<Object> loc, String msg, Object input, Map<String, Object> ctx) {

  /** {@code loc} is the location's parts: "query", "path" or "body", then the field's name. */
  static Violation of(String type, List<Object> loc, Object input, String rule) {
    return new Violation(type, loc, name(loc) + ": " + shown(input) + " " + rule, input, null);
  }

  static Violation missing(List<Object> loc) {
    return new Violation(
        "missing", loc, name(loc) + ": missing; the field is required", null, null);
  }

  /** The field's dotted name without its location ({@code body.conf} → {@code conf}). */
  static String name(List<Object> loc) {
    List<Object> rest = loc.size() > 1 ? loc.subList(1, loc.size()) : loc;
    return String.join(".", rest.stream().map(String::valueOf).toList());
  }

  private static String shown(Object input) {
    if (input == null) {
      return "null";
    }
    String text = String.valueOf(input);
    return "'" + (text.length() > 80 ? text.substring(0, 80) + "…" : text) + "'";
  }
}
