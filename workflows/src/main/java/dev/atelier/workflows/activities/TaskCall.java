package dev.atelier.workflows.activities;

import java.util.List;
import java.util.Map;

/**
 * One task instance handed to its activity: the task's resolved arguments, the run's params, the
 * XCom return values of its upstream tasks (task id to value; a mapped upstream gives the list of
 * its instances' values in map-index order), the run's dates and conf, every XCom (all keys, with
 * map indexes) of the tasks it depends on, for a task function the name it is registered under, and
 * the task's outlets (dataset URIs; null when none) and the names of its alias outlets (null when
 * none).
 */
public record TaskCall(
    String dagId,
    String runId,
    String taskId,
    int mapIndex,
    int tryNumber,
    Map<String, Object> args,
    Map<String, Object> params,
    Map<String, Object> upstream,
    RunInfo run,
    List<XComEntry> xcoms,
    String callable,
    List<String> outlets,
    List<String> outletAliases) {

  /** A call of a task without alias outlets. */
  public TaskCall(
      String dagId,
      String runId,
      String taskId,
      int mapIndex,
      int tryNumber,
      Map<String, Object> args,
      Map<String, Object> params,
      Map<String, Object> upstream,
      RunInfo run,
      List<XComEntry> xcoms,
      String callable,
      List<String> outlets) {
    this(
        dagId, runId, taskId, mapIndex, tryNumber, args, params, upstream, run, xcoms, callable,
        outlets, null);
  }

  /** A call of a task without outlets. */
  public TaskCall(
      String dagId,
      String runId,
      String taskId,
      int mapIndex,
      int tryNumber,
      Map<String, Object> args,
      Map<String, Object> params,
      Map<String, Object> upstream,
      RunInfo run,
      List<XComEntry> xcoms,
      String callable) {
    this(
        dagId, runId, taskId, mapIndex, tryNumber, args, params, upstream, run, xcoms, callable,
        null);
  }

  /** A call without run dates, keyed XComs or function (the operator activities' original form). */
  public TaskCall(
      String dagId,
      String runId,
      String taskId,
      int mapIndex,
      int tryNumber,
      Map<String, Object> args,
      Map<String, Object> params,
      Map<String, Object> upstream) {
    this(
        dagId, runId, taskId, mapIndex, tryNumber, args, params, upstream, null, List.of(), null,
        null);
  }
}
