package dev.atelier.workflows.activities;

/**
 * A task instance's state change as Airflow names the states (scheduled, queued, running, success,
 * failed, skipped, upstream_failed, up_for_retry, removed). Times are epoch millis from {@code
 * Workflow.currentTimeMillis()}; 0 means unset. {@code xcomJson} is the return value as JSON,
 * {@code pushedJson} the keyed XComs the instance pushed (a JSON object, key to value; null for
 * none).
 */
public record TaskInstanceRecord(
    String dagId,
    String runId,
    String taskId,
    int mapIndex,
    String state,
    int tryNumber,
    String operator,
    long startMillis,
    long endMillis,
    String xcomJson,
    String mlflowRunId,
    String note,
    String pushedJson) {

  /** A state change that records no keyed XComs. */
  public TaskInstanceRecord(
      String dagId,
      String runId,
      String taskId,
      int mapIndex,
      String state,
      int tryNumber,
      String operator,
      long startMillis,
      long endMillis,
      String xcomJson,
      String mlflowRunId,
      String note) {
    this(
        dagId,
        runId,
        taskId,
        mapIndex,
        state,
        tryNumber,
        operator,
        startMillis,
        endMillis,
        xcomJson,
        mlflowRunId,
        note,
        null);
  }
}
