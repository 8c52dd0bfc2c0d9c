package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.service.ApiProblem;

/** Airflow's {@code limit}/{@code offset} query parameters, checked. */
final class Paging {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private Paging() {}

  static int limit(Integer limit) {
    int value = limit == null ? DEFAULT_LIMIT : limit;
    if (value < 1 || value > MAX_LIMIT) {
      throw ApiProblem.badRequest("limit: " + value + " must be between 1 and " + MAX_LIMIT);
    }
    return value;
  }

  static int offset(Integer offset) {
    int value = offset == null ? 0 : offset;
    if (value < 0) {
      throw ApiProblem.badRequest("offset: " + value + " must be zero or more");
    }
    return value;
  }
}
