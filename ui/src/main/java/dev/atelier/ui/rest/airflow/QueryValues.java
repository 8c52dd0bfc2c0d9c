package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.service.ApiProblem;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** Query and path values checked the way Airflow's parameters are, failing with a 400. */
final class QueryValues {
  private QueryValues() {}

  /** An ISO-8601 date-time with offset, or null when absent. */
  static OffsetDateTime date(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(
          field
              + ": '"
              + value
              + "' is not an ISO-8601 date-time with offset (e.g. 2026-01-31T12:00:00+00:00)");
    }
  }

  /**
   * A repeatable parameter ({@code state=a&state=b}); commas also separate values, as some clients
   * send {@code state=a,b}. Each value must be one of {@code allowed}.
   */
  static List<String> oneOfEach(String field, List<String> values, Collection<String> allowed) {
    List<String> out = new ArrayList<>();
    if (values == null) {
      return out;
    }
    for (String raw : values) {
      for (String v : raw.split(",")) {
        String value = v.strip();
        if (value.isEmpty()) {
          continue;
        }
        if (!allowed.contains(value)) {
          throw ApiProblem.badRequest(
              field + ": '" + value + "' is not one of " + List.copyOf(allowed));
        }
        out.add(value);
      }
    }
    return out;
  }

  /** Every value of a repeatable, comma-separable parameter. */
  static List<String> all(List<String> values) {
    List<String> out = new ArrayList<>();
    if (values != null) {
      values.forEach(
          raw ->
              Arrays.stream(raw.split(","))
                  .map(String::strip)
                  .filter(s -> !s.isEmpty())
                  .forEach(out::add));
    }
    return out;
  }

  static int integer(String field, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw ApiProblem.badRequest(field + ": '" + value + "' is not an integer");
    }
  }

  /** An optional integer, or null when absent. */
  static Integer optionalInteger(String field, String value) {
    return value == null || value.isBlank() ? null : integer(field, value);
  }

  /** An optional boolean ({@code true}/{@code false}, any case), or null when absent. */
  static Boolean bool(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ApiProblem.badRequest(field + ": '" + value + "' is not true or false");
    };
  }
}
