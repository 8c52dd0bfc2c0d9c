package dev.atelier.ui.service;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The rules every id, URI and date from a client meets before it reaches PostgreSQL or Temporal,
 * each failing with an {@link InvalidValue} that names the field, the value and the rule. The
 * limits are Airflow's where Airflow has one (ids of 250 characters, its run id pattern, Python's
 * years 1 to 9999), and PostgreSQL's where it is stricter (no NUL character; an index entry of
 * about 2,700 bytes).
 */
public final class InputRules {
  /** Airflow's {@code ID_LEN}: the longest dag_id, task_id or run_id. */
  public static final int MAX_ID_CHARACTERS = 250;

  /**
   * A dataset URI is a unique key; PostgreSQL's B-tree entries hold about 2,700 bytes (Airflow's
   * 3,000 ASCII characters would not fit).
   */
  public static final int MAX_URI_BYTES = 2000;

  /**
   * Airflow's default {@code [scheduler] allowed_run_id_pattern}; its scheduled-run form ({@code
   * scheduled__2026-01-01T00:00:00+00:00}) matches it too.
   */
  public static final Pattern RUN_ID = Pattern.compile("^[A-Za-z0-9_.~:+-]+$");

  public static final String NO_NUL = "must not contain the NUL character (U+0000)";
  public static final String DATE_TIME =
      "is not an ISO-8601 date-time with offset (e.g. 2026-01-31T12:00:00+00:00)";
  public static final String DATE_RANGE = "is outside the years 1 to 9999 that dates may have";

  private InputRules() {}

  /** Any text: PostgreSQL refuses NUL in text and JSON alike. */
  public static String text(String in, String field, String value) {
    if (value != null && value.indexOf('\0') >= 0) {
      throw invalid(in, field, value, NO_NUL);
    }
    return value;
  }

  /** A dag_id, task_id or similar id: text of 1 to 250 characters. */
  public static String id(String in, String field, String value) {
    text(in, field, value);
    if (value != null && value.isBlank()) {
      throw invalid(in, field, value, "must not be blank");
    }
    if (value != null && value.length() > MAX_ID_CHARACTERS) {
      throw invalid(
          in, field, value, "is longer than the maximum of " + MAX_ID_CHARACTERS + " characters");
    }
    return value;
  }

  /**
   * A run id a client chooses: an {@link #id} of Airflow's characters ({@code A-Z a-z 0-9 _ . ~ : +
   * -}), and not {@code .} or {@code ..}, which a URL path cannot name.
   */
  public static String runId(String in, String field, String value) {
    id(in, field, value);
    if (value != null && !RUN_ID.matcher(value).matches()) {
      throw invalid(
          in, field, value, "does not match Airflow's run id pattern '" + RUN_ID.pattern() + "'");
    }
    if (".".equals(value) || "..".equals(value)) {
      throw invalid(in, field, value, "cannot be a run id: a URL path cannot name it");
    }
    return value;
  }

  /** A dataset URI: not blank, no NUL, at most {@link #MAX_URI_BYTES} bytes of UTF-8. */
  public static String uri(String in, String field, String value) {
    text(in, field, value);
    if (value != null && value.isBlank()) {
      throw invalid(in, field, value, "must not be blank");
    }
    int bytes = value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_URI_BYTES) {
      throw invalid(
          in,
          field,
          value,
          "is " + bytes + " bytes of UTF-8, above the maximum of " + MAX_URI_BYTES + " bytes");
    }
    return value;
  }

  /** An ISO-8601 date-time with offset, in UTC, within years 1 to 9999; null when absent. */
  public static OffsetDateTime dateTime(String in, String field, String value) {
    if (value == null) {
      return null;
    }
    OffsetDateTime parsed;
    try {
      parsed = utc(value);
    } catch (DateTimeParseException e) {
      throw invalid(in, field, value, DATE_TIME);
    }
    if (parsed.getYear() < 1 || parsed.getYear() > 9999) {
      throw invalid(in, field, value, DATE_RANGE);
    }
    return parsed;
  }

  /** An offset Java's {@link ZoneOffset} cannot hold (beyond ±18:00) but RFC 3339 can. */
  private static final Pattern WIDE_OFFSET =
      Pattern.compile("^(.+T.+?)([+-])(1[89]|2[0-3]):?([0-5][0-9])$");

  /**
   * An ISO-8601 / RFC 3339 date-time with offset as the same instant in UTC. RFC 3339 (and Python's
   * datetime, so Airflow) allow offsets up to ±23:59, Java's only to ±18:00: a wider offset is
   * applied here by hand.
   *
   * @throws DateTimeParseException when the text is no such date-time
   */
  public static OffsetDateTime utc(String value) {
    try {
      return OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      var wide = WIDE_OFFSET.matcher(value);
      if (!wide.matches()) {
        throw e;
      }
      LocalDateTime local = LocalDateTime.parse(wide.group(1));
      long seconds =
          (Long.parseLong(wide.group(3)) * 3600 + Long.parseLong(wide.group(4)) * 60)
              * ("-".equals(wide.group(2)) ? -1 : 1);
      return local.minusSeconds(seconds).atOffset(ZoneOffset.UTC);
    }
  }

  private static InvalidValue invalid(String in, String field, String value, String rule) {
    return new InvalidValue(in, field, value, rule);
  }
}
