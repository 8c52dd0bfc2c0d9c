package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.service.InputRules;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checks of one v2 request's parameters, collected: each check answers the parsed value (or
 * null) and records a {@link Violation} when the value breaks its rule, and {@link #throwIfAny()}
 * then answers every violation at once (422). Strings that PostgreSQL cannot store or index (a NUL
 * character, ids longer than Airflow's 250) and dates outside what it and Python can hold are
 * refused here, before any query.
 */
final class RequestChecks {
  /** Airflow's {@code ID_LEN}: the longest Dag, run or task id. */
  static final int ID_LEN = 250;

  /** Airflow 3's default {@code limit}; more than {@link #MAX_LIMIT} is answered as that many. */
  static final int DEFAULT_LIMIT = 50;

  static final int MAX_LIMIT = 1000;

  /** The years Python's datetime (and so Airflow) can hold; PostgreSQL holds them all. */
  private static final int MIN_YEAR = 1;

  private static final int MAX_YEAR = 9999;

  /** The rule a whole number beyond Java's {@code int} breaks (the document's bounds). */
  static final String OUT_OF_RANGE =
      "is outside the integers this API takes (-2147483648 to 2147483647)";

  private final List<Violation> violations = new ArrayList<>();

  static List<Object> query(String name) {
    return List.of("query", name);
  }

  static List<Object> path(String name) {
    return List.of("path", name);
  }

  static List<Object> body(Object... names) {
    List<Object> loc = new ArrayList<>();
    loc.add("body");
    loc.addAll(List.of(names));
    return loc;
  }

  void add(Violation v) {
    violations.add(v);
  }

  boolean ok() {
    return violations.isEmpty();
  }

  void throwIfAny() {
    if (!violations.isEmpty()) {
      throw new Unprocessable(violations);
    }
  }

  /** A path id (Dag, run, task): at most {@link #ID_LEN} characters, no NUL. */
  String id(String name, String raw) {
    return text(path(name), raw, ID_LEN);
  }

  /** Text PostgreSQL can store and index: no NUL character, at most {@code maxLength}. */
  String text(List<Object> loc, String raw, int maxLength) {
    if (raw == null) {
      return null;
    }
    if (raw.indexOf('\0') >= 0) {
      add(
          Violation.of(
              "string_pattern_mismatch",
              loc,
              raw.replace("\0", "\\u0000"),
              "must not contain the NUL character (U+0000)"));
      return null;
    }
    if (raw.length() > maxLength) {
      add(
          new Violation(
              "string_too_long",
              loc,
              Violation.name(loc)
                  + ": a value of "
                  + raw.length()
                  + " characters is longer than the "
                  + maxLength
                  + " allowed",
              raw,
              Map.of("max_length", maxLength)));
      return null;
    }
    return raw;
  }

  int limit(String raw) {
    Integer value = integer(query("limit"), raw, 0);
    return value == null ? DEFAULT_LIMIT : Math.min(value, MAX_LIMIT);
  }

  int offset(String raw) {
    Integer value = integer(query("offset"), raw, 0);
    return value == null ? 0 : value;
  }

  /** An integer of at least {@code min} (when not null), or null when absent. */
  Integer integer(List<Object> loc, String raw, Integer min) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    int value;
    try {
      value = Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      add(
          Violation.of(
              "int_parsing",
              loc,
              raw,
              raw.strip().matches("[+-]?[0-9]+") ? OUT_OF_RANGE : "is not a valid integer"));
      return null;
    }
    if (min != null && value < min) {
      add(
          new Violation(
              "greater_than_equal",
              loc,
              Violation.name(loc) + ": " + value + " must be greater than or equal to " + min,
              raw,
              Map.of("ge", min)));
      return null;
    }
    return value;
  }

  /** Pydantic's booleans: true/false, 1/0, yes/no, on/off (any case); null when absent. */
  Boolean bool(List<Object> loc, String raw) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    return switch (raw.strip().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on", "t", "y" -> true;
      case "false", "0", "no", "off", "f", "n" -> false;
      default -> {
        add(Violation.of("bool_parsing", loc, raw, "is not a valid boolean (true or false)"));
        yield null;
      }
    };
  }

  /**
   * An RFC 3339 date-time with an offset ({@code 2026-01-31T12:00:00Z}), in UTC, between the years
   * 1 and 9999; null when absent.
   */
  OffsetDateTime dateTime(List<Object> loc, String raw) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    if (text(loc, raw, 64) == null) {
      return null;
    }
    String value = raw.strip().replace(' ', 'T');
    OffsetDateTime parsed;
    try {
      parsed = parseOffsetDateTime(value);
    } catch (DateTimeParseException e) {
      if (naive(value)) {
        add(
            Violation.of(
                "timezone_aware",
                loc,
                raw,
                "has no UTC offset; give one, e.g. 2026-01-31T12:00:00Z or +02:00"));
      } else {
        add(
            Violation.of(
                "datetime_parsing",
                loc,
                raw,
                "is not an RFC 3339 date-time (e.g. 2026-01-31T12:00:00Z)"));
      }
      return null;
    }
    OffsetDateTime utc = parsed.withOffsetSameInstant(ZoneOffset.UTC);
    if (utc.getYear() < MIN_YEAR || utc.getYear() > MAX_YEAR) {
      add(
          Violation.of(
              "datetime_parsing",
              loc,
              raw,
              "is outside the years " + MIN_YEAR + " to " + MAX_YEAR + " a date may have"));
      return null;
    }
    return utc;
  }

  /**
   * RFC 3339, or an offset without its colon ({@code +0000}), which Airflow's Python client 3.x
   * sends for date-time query parameters ({@code 2023-01-02T00:00:00.000000+0000}) and pydantic
   * accepts.
   */
  private static OffsetDateTime parseOffsetDateTime(String value) {
    try {
      return InputRules.utc(value);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(value, COLONLESS_OFFSET);
      } catch (DateTimeParseException ignored) {
        throw e;
      }
    }
  }

  private static final DateTimeFormatter COLONLESS_OFFSET =
      new java.time.format.DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .appendOffset("+HHMM", "Z")
          .toFormatter();

  private static boolean naive(String value) {
    try {
      LocalDateTime.parse(value);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /**
   * A repeated parameter ({@code state=a&state=b}): each value must be one of {@code allowed}.
   * Values are not split at commas; {@code state=a,b} is the one value {@code a,b}.
   */
  List<String> oneOfEach(List<Object> loc, List<String> raw, Collection<String> allowed) {
    List<String> out = new ArrayList<>();
    if (raw == null) {
      return out;
    }
    for (String value : raw) {
      if (value.isEmpty()) {
        continue;
      }
      if (!allowed.contains(value)) {
        add(
            new Violation(
                "enum",
                loc,
                Violation.name(loc)
                    + ": '"
                    + value.replace("\0", "\\u0000")
                    + "' is not one of "
                    + List.copyOf(allowed),
                value.replace("\0", "\\u0000"),
                Map.of("expected", List.copyOf(allowed))));
      } else {
        out.add(value);
      }
    }
    return out;
  }

  /**
   * Airflow 3's {@code order_by}: one or more attribute names, each {@code -name} for descending,
   * from {@code columns} (API name to SQL column, so client text never reaches the SQL). Answers
   * the SQL order, {@code fallback} when none is given, always ending in {@code tieBreak}.
   */
  String orderBy(List<String> raw, Map<String, String> columns, String fallback, String tieBreak) {
    return orderBy(query("order_by"), raw, columns, fallback, tieBreak);
  }

  /** {@link #orderBy(List, Map, String, String)} for a value found at {@code loc}. */
  String orderBy(
      List<Object> loc,
      List<String> raw,
      Map<String, String> columns,
      String fallback,
      String tieBreak) {
    List<String> parts = new ArrayList<>();
    if (raw != null) {
      for (String value : raw) {
        if (value.isEmpty()) {
          continue;
        }
        boolean descending = value.startsWith("-");
        String column = columns.get(descending ? value.substring(1) : value);
        if (column == null) {
          add(
              new Violation(
                  "value_error",
                  loc,
                  "order_by: '"
                      + value.replace("\0", "\\u0000")
                      + "' is not an attribute this list can be ordered by; use one of "
                      + List.copyOf(columns.keySet())
                      + ", with a leading '-' for descending",
                  value.replace("\0", "\\u0000"),
                  Map.of("allowed", List.copyOf(columns.keySet()))));
          continue;
        }
        parts.add(column + (descending ? " desc nulls last" : " asc nulls last"));
      }
    }
    if (parts.isEmpty()) {
      return fallback + ", " + tieBreak;
    }
    return String.join(", ", parts) + ", " + tieBreak;
  }
}
