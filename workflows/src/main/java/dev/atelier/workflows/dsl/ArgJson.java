package dev.atelier.workflows.dsl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Task arguments in their serialized form: literals stay as they are, {@link ParamRef} and {@link
 * XComArg} become their marker objects, lists and maps are converted element by element.
 */
final class ArgJson {
  private ArgJson() {}

  static Object of(Object value) {
    if (value instanceof ParamRef ref) {
      return ref.toJson();
    }
    if (value instanceof XComArg arg) {
      return arg.toJson();
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(of(v)));
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), of(v)));
      return out;
    }
    return value;
  }

  static Map<String, Object> map(Map<String, Object> in) {
    Map<String, Object> out = new LinkedHashMap<>();
    in.forEach((k, v) -> out.put(k, of(v)));
    return out;
  }

  /** Calls {@code visit} on every value nested in {@code value} (itself included). */
  static void walk(Object value, Consumer<Object> visit) {
    visit.accept(value);
    if (value instanceof List<?> list) {
      list.forEach(v -> walk(v, visit));
    } else if (value instanceof Map<?, ?> map) {
      map.values().forEach(v -> walk(v, visit));
    }
  }
}
