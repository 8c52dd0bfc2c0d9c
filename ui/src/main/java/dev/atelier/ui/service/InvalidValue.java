package dev.atelier.ui.service;

/**
 * A request value that breaks a rule, kept as data: where it came from ({@code path}, {@code query}
 * or {@code body}), the field, the value as sent and the rule. Airflow's v1 answers it as a 400
 * problem whose detail reads {@code field: 'value' rule}; an API with another error shape (v2's 422
 * list of {@code loc}/{@code msg}/{@code input}) builds its own from the same parts.
 */
public class InvalidValue extends ApiProblem {
  /** Longer values are cut in the detail (the field and the rule say enough). */
  static final int SHOWN_CHARACTERS = 80;

  private final String in;
  private final String field;
  private final Object value;
  private final String rule;

  /**
   * @param in {@code path}, {@code query} or {@code body}
   */
  public InvalidValue(String in, String field, Object value, String rule) {
    super(400, "Bad Request", detail(field, value, rule));
    this.in = in;
    this.field = field;
    this.value = value;
    this.rule = rule;
  }

  public static InvalidValue path(String field, Object value, String rule) {
    return new InvalidValue("path", field, value, rule);
  }

  public static InvalidValue query(String field, Object value, String rule) {
    return new InvalidValue("query", field, value, rule);
  }

  public static InvalidValue body(String field, Object value, String rule) {
    return new InvalidValue("body", field, value, rule);
  }

  /** {@code path}, {@code query} or {@code body}. */
  public String in() {
    return in;
  }

  public String field() {
    return field;
  }

  /** The value as the client sent it; null when it was missing. */
  public Object value() {
    return value;
  }

  public String rule() {
    return rule;
  }

  /** {@code field: 'value' rule}, or {@code field: missing; rule} for a value not sent. */
  static String detail(String field, Object value, String rule) {
    return field + ": " + (value == null ? "missing; " : shown(value) + " ") + rule;
  }

  /**
   * The value quoted, control characters (NUL among them) written as {@code \\uXXXX} so the detail
   * shows what was sent, and a long value cut with its length said.
   */
  static String shown(Object value) {
    if (value == null) {
      return "missing";
    }
    if (!(value instanceof CharSequence)) {
      return String.valueOf(value);
    }
    String text = value.toString();
    StringBuilder out = new StringBuilder("'");
    int end = Math.min(text.length(), SHOWN_CHARACTERS);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('\'');
    if (text.length() > end) {
      out.insert(out.length() - 1, "…").append(" (").append(text.length()).append(" characters)");
    }
    return out.toString();
  }
}
