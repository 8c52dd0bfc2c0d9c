package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.service.InvalidValue;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Airflow's {@code order_by} query parameter: an attribute name, {@code -name} for descending. Only
 * the attributes an endpoint lists are allowed (anything else is a 400 listing them); each maps to
 * a SQL column, so client text never reaches the SQL. A tie-breaker keeps pages stable.
 *
 * @param attribute the API attribute, without the {@code -}
 */
public record OrderBy(String attribute, boolean descending) {

  /**
   * The order asked for, or null when {@code order_by} is absent.
   *
   * @param allowed the attributes this list can be ordered by, in the order the error lists them
   */
  public static OrderBy parse(String orderBy, Collection<String> allowed) {
    if (orderBy == null || orderBy.isBlank()) {
      return null;
    }
    boolean descending = orderBy.startsWith("-");
    String name = descending ? orderBy.substring(1) : orderBy;
    if (!allowed.contains(name)) {
      throw InvalidValue.query(
          "order_by",
          orderBy,
          "is not an attribute this list can be ordered by; use one of "
              + List.copyOf(allowed)
              + ", with a leading '-' for descending");
    }
    return new OrderBy(name, descending);
  }

  /**
   * @param columns API attribute name to SQL column, in the order the error message lists them
   * @param fallback the order when {@code order_by} is not given (already SQL)
   * @param tieBreak appended to every order (already SQL)
   */
  public static String sql(
      String orderBy, Map<String, String> columns, String fallback, String tieBreak) {
    OrderBy order = parse(orderBy, columns.keySet());
    if (order == null) {
      return fallback;
    }
    return columns.get(order.attribute())
        + (order.descending() ? " desc nulls last" : " asc nulls last")
        + ", "
        + tieBreak;
  }
}
