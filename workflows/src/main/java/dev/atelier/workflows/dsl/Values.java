package dev.atelier.workflows.dsl;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders values in error messages the way a user typed them: strings quoted, {@code 300} not
 * {@code 300.0}, {@code 0.0001} not {@code 1.0E-4}.
 */
final class Values {
  private Values() {}

  static String show(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "'" + s + "'";
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      return number(((Number) value).doubleValue());
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Values::show).collect(Collectors.joining(", ", "[", "]"));
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream()
          .map(e -> show(String.valueOf(e.getKey())) + ": " + show(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    return String.valueOf(value);
  }

  static String number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
