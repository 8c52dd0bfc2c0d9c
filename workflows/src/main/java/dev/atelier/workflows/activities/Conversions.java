package dev.atelier.workflows.activities;

/**
 * Converts a JSON-decoded value (Integer, Long, Double, String, List, Map) to the type a task
 * function asks for; numbers convert between widths so {@code 3} reads as a Long or a Double.
 */
final class Conversions {
  private Conversions() {}

  static <T> T to(String what, Object value, Class<T> type) {
    if (value == null || type.isInstance(value)) {
      return type.cast(value);
    }
    if (value instanceof Number n) {
      Object converted =
          type == Integer.class
              ? (Object) n.intValue()
              : type == Long.class
                  ? (Object) n.longValue()
                  : type == Double.class
                      ? (Object) n.doubleValue()
                      : type == Float.class ? (Object) n.floatValue() : null;
      if (converted != null) {
        return type.cast(converted);
      }
    }
    throw new IllegalArgumentException(
        what
            + " is "
            + value.getClass().getSimpleName()
            + " "
            + value
            + ", not "
            + type.getSimpleName());
  }
}
