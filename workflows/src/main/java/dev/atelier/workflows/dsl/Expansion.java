package dev.atelier.workflows.dsl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Airflow's mapping of {@code expand(a=[..], b=[..])}: one instance per combination, map index
 * counting with the last argument fastest ({@code itertools.product} order).
 */
public final class Expansion {
  private Expansion() {}

  /**
   * Resolves a serialized task's expand arguments against the run's params; each must then be a
   * list.
   *
   * @throws IllegalArgumentException naming the task, the argument and the value
   */
  public static Map<String, List<Object>> resolve(
      String taskId, Map<String, Object> expandJson, Map<String, Object> params) {
    Map<String, List<Object>> lists = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : expandJson.entrySet()) {
      Object value = ParamRef.resolve(e.getValue(), params);
      if (!(value instanceof List<?> list)) {
        throw new IllegalArgumentException(
            taskId
                + ".expand() argument '"
                + e.getKey()
                + "' must resolve to a list, got "
                + Values.show(value));
      }
      lists.put(e.getKey(), new ArrayList<>(list));
    }
    return lists;
  }

  /** The kwargs of each map index, in map-index order; empty if any list is empty. */
  public static List<Map<String, Object>> product(Map<String, List<Object>> lists) {
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<Object>> e : lists.entrySet()) {
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> prefix : out) {
        for (Object v : e.getValue()) {
          Map<String, Object> combo = new LinkedHashMap<>(prefix);
          combo.put(e.getKey(), v);
          next.add(combo);
        }
      }
      out = next;
    }
    return out;
  }
}
