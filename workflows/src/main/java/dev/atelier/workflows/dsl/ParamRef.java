package dev.atelier.workflows.dsl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task argument taken from the run's params when the task runs, Airflow's {@code {{ params.name
 * }}}. In the serialized Dag it is the JSON object {@code {"$param": "name"}}.
 */
public record ParamRef(String name) {
  static final String JSON_KEY = "$param";

  public static ParamRef param(String name) {
    return new ParamRef(name);
  }

  Map<String, Object> toJson() {
    return Map.of(JSON_KEY, name);
  }

  /** The referenced param's name if {@code jsonValue} is a serialized reference. */
  public static String nameIn(Object jsonValue) {
    if (jsonValue instanceof Map<?, ?> m && m.size() == 1 && m.get(JSON_KEY) instanceof String s) {
      return s;
    }
    return null;
  }

  /**
   * Replaces every serialized reference in {@code jsonValue} with the param's value. A reference to
   * a param the run lacks is an error naming it (validation makes this unreachable for a Dag built
   * with this DSL).
   */
  public static Object resolve(Object jsonValue, Map<String, Object> params) {
    String name = nameIn(jsonValue);
    if (name != null) {
      if (!params.containsKey(name)) {
        throw new IllegalArgumentException("params." + name + " is not set in this run");
      }
      return params.get(name);
    }
    if (jsonValue instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(resolve(v, params)));
      return out;
    }
    if (jsonValue instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), resolve(v, params)));
      return out;
    }
    return jsonValue;
  }

  @Override
  public String toString() {
    return "params." + name;
  }
}
