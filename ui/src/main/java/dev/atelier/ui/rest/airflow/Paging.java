package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.service.InvalidValue;

/** Airflow's {@code limit}/{@code offset} query parameters, checked. */
public final class Paging {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  private Paging() {}

  public static int limit(String limit) {
    return limit(limit, DEFAULT_LIMIT);
  }

  /** A {@code limit} between 1 and {@link #MAX_LIMIT}; {@code fallback} when absent. */
  public static int limit(String limit, int fallback) {
    if (limit == null || limit.isBlank()) {
      return fallback;
    }
    int value = QueryValues.integer("limit", limit);
    if (value < 1 || value > MAX_LIMIT) {
      throw InvalidValue.query("limit", value, "must be between 1 and " + MAX_LIMIT);
    }
    return value;
  }

  public static int offset(String offset) {
    int value = offset == null || offset.isBlank() ? 0 : QueryValues.integer("offset", offset);
    if (value < 0) {
      throw InvalidValue.query("offset", value, "must be zero or more");
    }
    return value;
  }
}
