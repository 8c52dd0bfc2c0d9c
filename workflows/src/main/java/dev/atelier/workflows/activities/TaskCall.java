package dev.atelier.workflows.activities;

import java.util.Map;

/**
 * One operator task instance handed to its activity: the task's resolved arguments, the run's
 * params, and the XCom return values of its upstream tasks (task id to value; a mapped upstream
 * gives the list of its instances' values in map-index order).
 */
public record TaskCall(
    String dagId,
    String runId,
    String taskId,
    int mapIndex,
    int tryNumber,
    Map<String, Object> args,
    Map<String, Object> params,
    Map<String, Object> upstream) {}
