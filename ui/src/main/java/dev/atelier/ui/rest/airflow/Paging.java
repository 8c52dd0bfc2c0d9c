package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.service.ApiProblem;

/** Airflow's {@code limit}/{@code offset} query parameters, checked. */
final class Paging {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private Paging() {}

  static int limit(String limit) {
    int value =
        limit == null || limit.isBlank() ? DEFAULT_LIMIT : QueryValues.integer("limit", limit);
    if (value < 1 || value > MAX_LIMIT) {
      throw ApiProblem.badRequest("limit: " + value + " must be between 1 and " + MAX_LIMIT);
    }
    return value;
  }

  static int offset(String offset) {
    int value = offset == null || offset.isBlank() ? 0 : QueryValues.integer("offset", offset);
    if (value < 0) {
      throw ApiProblem.badRequest("offset: " + value + " must be zero or more");
    }
    return value;
  }
}
