package dev.atelier.workflows.search;

/**
 * Equality of parameter values as JSON sees them: numbers by value whatever their Java type (a
 * choice given as {@code 64L} comes back from the workflow's history as {@code Integer 64}),
 * everything else by {@code equals}.
 */
final class SameValue {
  private SameValue() {}

  static boolean equal(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
    }
    return a != null && a.equals(b);
  }
}
