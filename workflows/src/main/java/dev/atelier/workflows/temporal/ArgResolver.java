package dev.atelier.workflows.temporal;

import dev.atelier.workflows.dsl.ParamRef;
import dev.atelier.workflows.dsl.XComArg;
import dev.atelier.workflows.dsl.XComRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces the references in a task's serialized arguments with their values when the task is about
 * to run: {@code {"$param": ...}} with the run's param, {@code {"$xcom": ...}} with the XCom. A
 * reference to an XCom an unmapped task never pushed is an error naming the task and key, as
 * Airflow's "XComArg result ... is not found".
 */
final class ArgResolver {
  private final Map<String, Object> params;
  private final XComStore xcoms;

  ArgResolver(Map<String, Object> params, XComStore xcoms) {
    this.params = params;
    this.xcoms = xcoms;
  }

  /**
   * @throws IllegalArgumentException naming the missing param or XCom
   */
  Object resolve(Object json) {
    String param = ParamRef.nameIn(json);
    if (param != null) {
      if (!params.containsKey(param)) {
        throw new IllegalArgumentException("params." + param + " is not set in this run");
      }
      return params.get(param);
    }
    XComRef ref = XComArg.refIn(json);
    if (ref != null) {
      Object value = xcoms.pull(ref.taskId(), ref.key());
      if (value == null && !xcoms.has(ref.taskId(), ref.key())) {
        throw new IllegalArgumentException(
            "XComArg result from "
                + ref.taskId()
                + " with key=\""
                + ref.key()
                + "\" is not found (the task pushed no such XCom)");
      }
      return value;
    }
    if (json instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(resolve(v)));
      return out;
    }
    if (json instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), resolve(v)));
      return out;
    }
    return json;
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> resolveArgs(Map<String, Object> args) {
    return (Map<String, Object>) resolve(args == null ? Map.of() : args);
  }
}
