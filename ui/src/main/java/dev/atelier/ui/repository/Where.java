package dev.atelier.ui.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A SQL {@code where} clause built from optional filters, with its bind values in order. A filter
 * whose value is null is left out, as Airflow's list endpoints ignore a query parameter not given.
 */
public final class Where {
  private final List<String> clauses = new ArrayList<>();
  private final List<Object> args = new ArrayList<>();

  /** Always applies: {@code clause} with one {@code ?} per value. */
  public Where and(String clause, Object... values) {
    clauses.add(clause);
    args.addAll(List.of(values));
    return this;
  }

  /** Applies when {@code value} is not null: {@code column op ?}. */
  public Where optional(String column, String op, Object value) {
    return value == null ? this : and(column + " " + op + " ?", value);
  }

  /** {@code column in (...)} when {@code values} is not empty; {@code null} matches SQL null. */
  public Where anyOf(String column, Collection<?> values) {
    if (values == null || values.isEmpty()) {
      return this;
    }
    List<String> alternatives = new ArrayList<>();
    List<Object> bound = new ArrayList<>();
    for (Object v : values) {
      if (v == null) {
        alternatives.add(column + " is null");
      } else {
        alternatives.add(column + " = ?");
        bound.add(v);
      }
    }
    return and("(" + String.join(" or ", alternatives) + ")", bound.toArray());
  }

  /** {@code " where a and b"}, or empty when no filter applies. */
  public String sql() {
    return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
  }

  public Object[] args() {
    return args.toArray();
  }

  /** The bind values followed by {@code more} (limit, offset). */
  public Object[] argsThen(Object... more) {
    List<Object> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return all.toArray();
  }
}
