package dev.atelier.workflows.dsl;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One typed Dag param, as Airflow's {@code Param}: a default and a JSON-schema subset (type, enum,
 * minimum/maximum, exclusiveMinimum/exclusiveMaximum, minLength, and for arrays the item rule and
 * minItems). Start from {@link #number}, {@link #integer}, {@link #string}, {@link #bool} or {@link
 * #array} and add rules; every method returns a new value.
 *
 * <p>Whatever a Dag declares, an array param takes at most {@link Limits#MAX_LIST_ITEMS} items and
 * a string param at most {@link Limits#MAX_STRING_LENGTH} characters, so no client can send a list
 * or text of unbounded size.
 *
 * <p>Violations read like jsonschema's ("0 is less than the minimum of 1") prefixed with the
 * field's path ({@code params.batch_size}), so a user sees field, value and rule in one line.
 */
public record Param(
    ParamType type,
    Object defaultValue,
    String description,
    List<Object> enumValues,
    Double minimum,
    Double maximum,
    Double exclusiveMinimum,
    Double exclusiveMaximum,
    Integer minLength,
    Param items,
    Integer minItems) {

  /** A param without a default: a run must give it (also the form for an array's items). */
  public static Param ofType(ParamType type) {
    return new Param(type, null, null, null, null, null, null, null, null, null, null);
  }

  public static Param number(double defaultValue) {
    return new Param(
        ParamType.NUMBER, defaultValue, null, null, null, null, null, null, null, null, null);
  }

  public static Param integer(long defaultValue) {
    return new Param(
        ParamType.INTEGER,
        normalizeInteger(defaultValue),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  public static Param string(String defaultValue) {
    return new Param(
        ParamType.STRING, defaultValue, null, null, null, null, null, null, null, null, null);
  }

  public static Param bool(boolean defaultValue) {
    return new Param(
        ParamType.BOOLEAN, defaultValue, null, null, null, null, null, null, null, null, null);
  }

  /**
   * An array whose items follow {@code items} (e.g. {@code ofType(NUMBER).exclusiveMinimum(0)}).
   */
  public static Param array(Param items, List<?> defaultValue) {
    return new Param(
        ParamType.ARRAY,
        List.copyOf(defaultValue),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        items,
        null);
  }

  public Param description(String text) {
    return new Param(
        type,
        defaultValue,
        text,
        enumValues,
        minimum,
        maximum,
        exclusiveMinimum,
        exclusiveMaximum,
        minLength,
        items,
        minItems);
  }

  public Param enumOf(Object... allowed) {
    return new Param(
        type,
        defaultValue,
        description,
        List.copyOf(Arrays.asList(allowed)),
        minimum,
        maximum,
        exclusiveMinimum,
        exclusiveMaximum,
        minLength,
        items,
        minItems);
  }

  public Param minimum(double value) {
    return new Param(
        type,
        defaultValue,
        description,
        enumValues,
        value,
        maximum,
        exclusiveMinimum,
        exclusiveMaximum,
        minLength,
        items,
        minItems);
  }

  public Param maximum(double value) {
    return new Param(
        type,
        defaultValue,
        description,
        enumValues,
        minimum,
        value,
        exclusiveMinimum,
        exclusiveMaximum,
        minLength,
        items,
        minItems);
  }

  public Param exclusiveMinimum(double value) {
    return new Param(
        type,
        defaultValue,
        description,
        enumValues,
        minimum,
        maximum,
        value,
        exclusiveMaximum,
        minLength,
        items,
        minItems);
  }

  public Param exclusiveMaximum(double value) {
    return new Param(
        type,
        defaultValue,
        description,
        enumValues,
        minimum,
        maximum,
        exclusiveMinimum,
        value,
        minLength,
        items,
        minItems);
  }

  public Param minLength(int value) {
    return new Param(
        type,
        defaultValue,
        description,
        enumValues,
        minimum,
        maximum,
        exclusiveMinimum,
        exclusiveMaximum,
        value,
        items,
        minItems);
  }

  public Param minItems(int value) {
    return new Param(
        type,
        defaultValue,
        description,
        enumValues,
        minimum,
        maximum,
        exclusiveMinimum,
        exclusiveMaximum,
        minLength,
        items,
        value);
  }

  /**
   * Checks {@code value} and returns it in canonical form (integers as Integer or Long, numbers as
   * Double, arrays as lists of canonical items); adds one line per broken rule to {@code
   * violations}. Returns null when the value's type is wrong.
   */
  public Object validate(String path, Object value, List<String> violations) {
    Object canonical = canonical(value);
    if (canonical == null) {
      violations.add(path + ": " + Values.show(value) + " is not of type '" + type.value() + "'");
      return null;
    }
    if (enumValues != null && !enumContains(canonical)) {
      violations.add(
          path + ": " + Values.show(value) + " is not one of " + Values.show(enumValues));
    }
    if (canonical instanceof Number n) {
      checkBounds(path, n.doubleValue(), violations);
    }
    if (canonical instanceof String s && s.length() > Limits.MAX_STRING_LENGTH) {
      violations.add(
          path
              + ": a string of "
              + s.length()
              + " characters is longer than the maximum of "
              + Limits.MAX_STRING_LENGTH);
    }
    if (canonical instanceof String s && minLength != null && s.length() < minLength) {
      violations.add(
          path
              + ": "
              + Values.show(s)
              + (minLength == 1
                  ? " should be non-empty"
                  : " is too short (minLength " + minLength + ")"));
    }
    if (canonical instanceof List<?> list) {
      if (minItems != null && list.size() < minItems) {
        violations.add(
            path
                + ": "
                + Values.show(list)
                + (minItems == 1
                    ? " should be non-empty"
                    : " is too short (minItems " + minItems + ")"));
      }
      if (list.size() > Limits.MAX_LIST_ITEMS) {
        violations.add(
            path
                + ": a list of "
                + list.size()
                + " items is longer than the maximum of "
                + Limits.MAX_LIST_ITEMS
                + " items");
        return null;
      }
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        out.add(items.validate(path + "[" + i + "]", list.get(i), violations));
      }
      return out;
    }
    return canonical;
  }

  private void checkBounds(String path, double v, List<String> violations) {
    String shown = Values.number(v);
    if (minimum != null && v < minimum) {
      violations.add(
          path + ": " + shown + " is less than the minimum of " + Values.number(minimum));
    }
    if (maximum != null && v > maximum) {
      violations.add(
          path + ": " + shown + " is greater than the maximum of " + Values.number(maximum));
    }
    if (exclusiveMinimum != null && v <= exclusiveMinimum) {
      violations.add(
          path
              + ": "
              + shown
              + " is less than or equal to the minimum of "
              + Values.number(exclusiveMinimum));
    }
    if (exclusiveMaximum != null && v >= exclusiveMaximum) {
      violations.add(
          path
              + ": "
              + shown
              + " is greater than or equal to the maximum of "
              + Values.number(exclusiveMaximum));
    }
  }

  private boolean enumContains(Object canonical) {
    for (Object allowed : enumValues) {
      Object c = canonical(allowed);
      if (c != null && c.equals(canonical)) {
        return true;
      }
      if (c instanceof Number a
          && canonical instanceof Number b
          && a.doubleValue() == b.doubleValue()) {
        return true;
      }
    }
    return false;
  }

  /** The value in this param's canonical Java form, or null if it has the wrong type. */
  private Object canonical(Object value) {
    return switch (type) {
      case STRING -> value instanceof String s ? s : null;
      case BOOLEAN -> value instanceof Boolean b ? b : null;
      case NUMBER -> isNumber(value) ? (Object) ((Number) value).doubleValue() : null;
      case INTEGER -> integral(value);
      case ARRAY -> value instanceof List<?> l ? l : null;
    };
  }

  private static boolean isNumber(Object value) {
    if (!(value instanceof Number n)) {
      return false;
    }
    double d = n.doubleValue();
    return !Double.isNaN(d) && !Double.isInfinite(d);
  }

  /** JSON-schema integers include 3.0; 3.5 and "3" are not integers. */
  private static Object integral(Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return normalizeInteger(((Number) value).longValue());
    }
    if (value instanceof BigInteger b && b.bitLength() < 64) {
      return normalizeInteger(b.longValue());
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      double d = ((Number) value).doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
        return normalizeInteger((long) d);
      }
    }
    return null;
  }

  /**
   * Integers travel as Integer when they fit so a value compares equal after a JSON round trip
   * (Jackson reads small integers back as Integer).
   */
  private static Object normalizeInteger(long v) {
    return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
  }

  /** This param as a JSON-schema fragment (for the API, the UI and the serialized Dag). */
  public Map<String, Object> schema() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", type.value());
    if (defaultValue != null) {
      s.put("default", defaultValue);
    }
    putIfSet(s, "description", description);
    putIfSet(s, "enum", enumValues);
    putIfSet(s, "minimum", minimum);
    putIfSet(s, "maximum", maximum);
    putIfSet(s, "exclusiveMinimum", exclusiveMinimum);
    putIfSet(s, "exclusiveMaximum", exclusiveMaximum);
    putIfSet(s, "minLength", minLength);
    putIfSet(s, "minItems", minItems);
    if (items != null) {
      s.put("items", items.schema());
    }
    return s;
  }

  private static void putIfSet(Map<String, Object> s, String key, Object value) {
    if (value != null) {
      s.put(key, value);
    }
  }
}
