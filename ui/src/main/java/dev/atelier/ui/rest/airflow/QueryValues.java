package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.service.InputRules;
import dev.atelier.ui.service.InvalidValue;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Query and path values checked the way Airflow's parameters are, failing with an {@link
 * InvalidValue} (field, value, rule) that v1 answers as a 400. Shared by every API of the app.
 */
public final class QueryValues {
  private QueryValues() {}

  /** An ISO-8601 date-time with offset in years 1 to 9999, or null when absent. */
  public static OffsetDateTime date(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return InputRules.dateTime("query", field, value);
  }

  /**
   * A repeatable parameter ({@code state=a&state=b}); commas also separate values, as some clients
   * send {@code state=a,b}. Each value must be one of {@code allowed}.
   */
  public static List<String> oneOfEach(
      String field, List<String> values, Collection<String> allowed) {
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
          throw InvalidValue.query(field, value, "is not one of " + List.copyOf(allowed));
        }
        out.add(value);
      }
    }
    return out;
  }

  /** Every value of a repeatable, comma-separable parameter. */
  public static List<String> all(List<String> values) {
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

  /** A query parameter that must be a whole number that fits an {@code int}. */
  public static int integer(String field, String value) {
    return integer("query", field, value);
  }

  /**
   * A whole number that fits an {@code int}, from the path or the query ({@code in}): "abc" or 2^31
   * is a 400 naming the field, not a 404 or a 500.
   */
  public static int integer(String in, String field, String value) {
    long number;
    try {
      number = Long.parseLong(value == null ? "" : value.strip());
    } catch (NumberFormatException e) {
      number = Long.MAX_VALUE;
    }
    if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
      throw new InvalidValue(
          in,
          field,
          value,
          "is not an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
    }
    return (int) number;
  }

  /** A whole number that fits a {@code long} (a database id), from the path or the query. */
  public static long longInteger(String in, String field, String value) {
    try {
      return Long.parseLong(value == null ? "" : value.strip());
    } catch (NumberFormatException e) {
      throw new InvalidValue(
          in,
          field,
          value,
          "is not an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE);
    }
  }

  /** An optional integer query parameter, or null when absent. */
  public static Integer optionalInteger(String field, String value) {
    return value == null || value.isBlank() ? null : integer(field, value);
  }

  /** An optional boolean ({@code true}/{@code false}, any case), or null when absent. */
  public static Boolean bool(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw InvalidValue.query(field, value, "is not true or false");
    };
  }
}
