package dev.atelier.workflows.search;

/** Whether a smaller or a larger objective value is better. */
public enum Direction {
  MINIMIZE,
  MAXIMIZE;

  /** True when {@code a} is strictly better than {@code b}. */
  public boolean better(double a, double b) {
    return this == MINIMIZE ? a < b : a > b;
  }

  /** {@code value} turned so that smaller is better (the form samplers and pruners rank by). */
  public double loss(double value) {
    return this == MINIMIZE ? value : -value;
  }

  /** "min"/"minimize" or "max"/"maximize", any case; anything else is refused. */
  public static Direction parse(String s) {
    return switch (s == null ? "" : s.toLowerCase(java.util.Locale.ROOT)) {
      case "min", "minimize" -> MINIMIZE;
      case "max", "maximize" -> MAXIMIZE;
      default ->
          throw new IllegalArgumentException(
              "direction must be 'min' or 'max', got " + (s == null ? "null" : "'" + s + "'"));
    };
  }
}
