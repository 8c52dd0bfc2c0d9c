package dev.atelier.workflows.dsl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Another task's XCom used as an argument, Airflow's {@code XComArg} ({@code task.output}): it is
 * resolved when the consuming task runs, and using it makes the producing task an upstream, as in
 * Airflow. For a mapped producer the value is the list of its instances' values in map-index order.
 * In the serialized Dag it is {@code {"$xcom": {"task_id": "t", "key": "return_value"}}}.
 */
public record XComArg(Task task, String key) {
  public static final String RETURN_VALUE = "return_value";
  static final String JSON_KEY = "$xcom";

  public String taskId() {
    return task.taskId();
  }

  Map<String, Object> toJson() {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("task_id", task.taskId());
    ref.put("key", key);
    return Map.of(JSON_KEY, ref);
  }

  /** The reference in {@code jsonValue} if it is a serialized XComArg, else null. */
  public static XComRef refIn(Object jsonValue) {
    if (jsonValue instanceof Map<?, ?> m
        && m.size() == 1
        && m.get(JSON_KEY) instanceof Map<?, ?> ref
        && ref.get("task_id") instanceof String taskId) {
      Object key = ref.get("key");
      return new XComRef(taskId, key instanceof String k ? k : RETURN_VALUE);
    }
    return null;
  }

  @Override
  public String toString() {
    return RETURN_VALUE.equals(key)
        ? "the XCom of '" + task.taskId() + "'"
        : "the XCom '" + key + "' of '" + task.taskId() + "'";
  }
}
