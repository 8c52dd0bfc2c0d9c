package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.service.ApiProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Airflow's {@code order_by} query parameter: an attribute name, {@code -name} for descending. Only
 * the attributes an endpoint lists are allowed; each maps to a SQL column, so client text never
 * reaches the SQL. A tie-breaker keeps pages stable.
 */
final class OrderBy {
  private OrderBy() {}

  /**
   * @param columns API attribute name to SQL column, in the order the error message lists them
   * @param fallback the order when {@code order_by} is not given (already SQL)
   * @param tieBreak appended to every order (already SQL)
   */
  static String sql(String orderBy, Map<String, String> columns, String fallback, String tieBreak) {
    if (orderBy == null || orderBy.isBlank()) {
      return fallback;
    }
    boolean descending = orderBy.startsWith("-");
    String name = descending ? orderBy.substring(1) : orderBy;
    String column = columns.get(name);
    if (column == null) {
      List<String> allowed = new ArrayList<>();
      columns.keySet().forEach(k -> allowed.add(k));
      throw ApiProblem.badRequest(
          "order_by: '"
              + orderBy
              + "' is not an attribute this list can be ordered by; use one of "
              + allowed
              + ", with a leading '-' for descending");
    }
    return column + (descending ? " desc nulls last" : " asc nulls last") + ", " + tieBreak;
  }
}
