package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.AliasEvent;
import dev.atelier.workflows.dsl.TaskState;
import java.util.List;
import java.util.Map;

/**
 * How one task instance ended: its state, last try, return value and pushed XComs, a note when it
 * did not succeed, and for a branch or short-circuit what to follow: {@code follow} is null for any
 * other task, the ids to keep for a branch, empty when a short-circuit's condition was falsy
 * ({@code skipAllDownstream} then says whether every downstream task is skipped or only direct
 * ones), the extras a task function set for its outlets' dataset events (null when none), and the
 * asset events it added through its alias outlets (null when none).
 */
public record InstanceResult(
    int mapIndex,
    TaskState state,
    int tryNumber,
    Object returnValue,
    Map<String, Object> pushed,
    String note,
    List<String> follow,
    boolean skipAllDownstream,
    Map<String, Map<String, Object>> outletExtras,
    List<AliasEvent> aliasEvents) {

  public InstanceResult(
      int mapIndex,
      TaskState state,
      int tryNumber,
      Object returnValue,
      Map<String, Object> pushed,
      String note,
      List<String> follow,
      boolean skipAllDownstream,
      Map<String, Map<String, Object>> outletExtras) {
    this(
        mapIndex,
        state,
        tryNumber,
        returnValue,
        pushed,
        note,
        follow,
        skipAllDownstream,
        outletExtras,
        null);
  }

  static InstanceResult of(int mapIndex, TaskState state, int tryNumber, String note) {
    return new InstanceResult(mapIndex, state, tryNumber, null, Map.of(), note, null, false, null);
  }

  InstanceResult following(List<String> ids, boolean skipAll) {
    return new InstanceResult(
        mapIndex,
        state,
        tryNumber,
        returnValue,
        pushed,
        note,
        ids,
        skipAll,
        outletExtras,
        aliasEvents);
  }
}
