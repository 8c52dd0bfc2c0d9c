package dev.atelier.workflows.activities;

import java.util.Map;

/**
 * What a task function's try produced: its return value (XCom {@code return_value}), the keyed
 * XComs it pushed, or that it asked to be skipped (and why).
 */
public record TaskResult(
    Object returnValue, Map<String, Object> pushed, boolean skipped, String skipReason) {

  public static TaskResult returned(Object value, Map<String, Object> pushed) {
    return new TaskResult(value, pushed, false, null);
  }

  public static TaskResult skip(String reason, Map<String, Object> pushed) {
    return new TaskResult(null, pushed, true, reason);
  }
}
