package dev.atelier.workflows.activities;

import java.util.List;
import java.util.Map;

/**
 * What a task function's try produced: its return value (XCom {@code return_value}), the keyed
 * XComs it pushed, or that it asked to be skipped (and why), and the extras it set for the dataset
 * events of its outlets (URI to extra; null or empty when none), and the asset events it added
 * through its alias outlets (null or empty when none).
 */
public record TaskResult(
    Object returnValue,
    Map<String, Object> pushed,
    boolean skipped,
    String skipReason,
    Map<String, Map<String, Object>> outletExtras,
    List<AliasEvent> aliasEvents) {

  public TaskResult(
      Object returnValue,
      Map<String, Object> pushed,
      boolean skipped,
      String skipReason,
      Map<String, Map<String, Object>> outletExtras) {
    this(returnValue, pushed, skipped, skipReason, outletExtras, null);
  }

  public static TaskResult returned(Object value, Map<String, Object> pushed) {
    return new TaskResult(value, pushed, false, null, null);
  }

  public static TaskResult returned(
      Object value, Map<String, Object> pushed, Map<String, Map<String, Object>> outletExtras) {
    return new TaskResult(value, pushed, false, null, outletExtras);
  }

  public static TaskResult returned(
      Object value,
      Map<String, Object> pushed,
      Map<String, Map<String, Object>> outletExtras,
      List<AliasEvent> aliasEvents) {
    return new TaskResult(
        value, pushed, false, null, outletExtras, aliasEvents.isEmpty() ? null : aliasEvents);
  }

  public static TaskResult skip(String reason, Map<String, Object> pushed) {
    return new TaskResult(null, pushed, true, reason, null);
  }
}
