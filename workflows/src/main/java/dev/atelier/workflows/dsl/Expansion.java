package dev.atelier.workflows.dsl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Airflow's mapping: {@code expand(a=[..], b=[..])} gives one instance per combination, map index
 * counting with the last argument fastest ({@code itertools.product} order); a dict maps over its
 * {@code [key, value]} pairs; {@code expand_kwargs([...])} gives one instance per dict. Values are
 * resolved first (params, upstream XComs) by the caller's resolver, since only the engine knows
 * them.
 */
public final class Expansion {
  private Expansion() {}

  /**
   * The kwargs of each map index of a mapped task, in map-index order (empty when a source is
   * empty: Airflow then skips the task).
   *
   * @throws IllegalArgumentException naming the task, the argument and the value
   */
  public static List<Map<String, Object>> instances(
      String taskId,
      Map<String, Object> expandJson,
      Object expandKwargsJson,
      UnaryOperator<Object> resolve) {
    if (expandKwargsJson != null) {
      return kwargsList(taskId, resolve.apply(expandKwargsJson));
    }
    Map<String, List<Object>> lists = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : expandJson.entrySet()) {
      lists.put(
          e.getKey(),
          elements(
              taskId + ".expand() argument '" + e.getKey() + "'", resolve.apply(e.getValue())));
    }
    return product(lists);
  }

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

  private static List<Object> elements(String what, Object value) {
    if (value instanceof List<?> list) {
      return new ArrayList<>(list);
    }
    if (value instanceof Map<?, ?> map) {
      List<Object> pairs = new ArrayList<>();
      map.forEach((k, v) -> pairs.add(Arrays.asList(String.valueOf(k), v)));
      return pairs;
    }
    throw new IllegalArgumentException(
        what + " must resolve to a list or a dict, got " + Values.show(value));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> kwargsList(String taskId, Object value) {
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException(
          taskId
              + ".expand_kwargs() argument must resolve to a list of dicts, got "
              + Values.show(value));
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException(
            taskId
                + ".expand_kwargs() item ["
                + i
                + "] must be a dict of arguments, got "
                + Values.show(list.get(i)));
      }
      out.add(new LinkedHashMap<>((Map<String, Object>) m));
    }
    return out;
  }
}
