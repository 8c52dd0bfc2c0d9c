package dev.atelier.workflows.temporal;

import java.util.Collection;
import java.util.Map;

/** Python's truth test, which a ShortCircuitOperator applies to its condition. */
final class Truthiness {
  private Truthiness() {}

  static boolean truthy(Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (value instanceof CharSequence s) {
      return s.length() > 0;
    }
    if (value instanceof Collection<?> c) {
      return !c.isEmpty();
    }
    if (value instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return true;
  }
}
