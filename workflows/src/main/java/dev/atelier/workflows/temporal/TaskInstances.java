package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.PersistenceActivities;
import dev.atelier.workflows.activities.TaskInstanceRecord;
import dev.atelier.workflows.dsl.TaskState;
import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * Writes task-instance state changes for one task instance of a run. Times come from {@code
 * Workflow.currentTimeMillis()}; the persistence side keeps the first start time it sees.
 */
final class TaskInstances {
  private final PersistenceActivities persistence;
  private final String dagId;
  private final String runId;
  private final String taskId;
  private final int mapIndex;
  private final String operator;
  private long startMillis;

  TaskInstances(
      PersistenceActivities persistence,
      String dagId,
      String runId,
      String taskId,
      int mapIndex,
      String operator) {
    this.persistence = persistence;
    this.dagId = dagId;
    this.runId = runId;
    this.taskId = taskId;
    this.mapIndex = mapIndex;
    this.operator = operator;
  }

  static PersistenceActivities persistenceStub() {
    return Workflow.newActivityStub(PersistenceActivities.class, Options.bookkeeping());
  }

  void scheduled() {
    write(TaskState.SCHEDULED, 0, 0, 0, null, null, null, null);
  }

  /** Handed over to run (after any pool slot was granted), Airflow's {@code queued}. */
  void queued(int tryNumber) {
    write(TaskState.QUEUED, tryNumber, startMillis, 0, null, null, null, null);
  }

  void running(int tryNumber, String mlflowRunId) {
    if (startMillis == 0) {
      startMillis = Workflow.currentTimeMillis();
    }
    write(TaskState.RUNNING, tryNumber, startMillis, 0, null, null, mlflowRunId, null);
  }

  void upForRetry(int tryNumber, String mlflowRunId, String note) {
    write(TaskState.UP_FOR_RETRY, tryNumber, startMillis, 0, null, null, mlflowRunId, note);
  }

  /** A rescheduling sensor waiting for its next poke, its slot given back. */
  void upForReschedule(int tryNumber, String note) {
    write(TaskState.UP_FOR_RESCHEDULE, tryNumber, startMillis, 0, null, null, null, note);
  }

  /** A final state (success, failed, skipped, upstream_failed). */
  void ended(TaskState state, int tryNumber, Object xcom, String mlflowRunId, String note) {
    ended(state, tryNumber, xcom, Map.of(), mlflowRunId, note);
  }

  /** A final state with the keyed XComs the instance pushed (persisted beside the return value). */
  void ended(
      TaskState state,
      int tryNumber,
      Object xcom,
      Map<String, Object> pushed,
      String mlflowRunId,
      String note) {
    long now = Workflow.currentTimeMillis();
    write(
        state,
        tryNumber,
        startMillis == 0 ? now : startMillis,
        now,
        XComJson.of(xcom),
        pushed == null || pushed.isEmpty() ? null : XComJson.of(pushed),
        mlflowRunId,
        note);
  }

  private void write(
      TaskState state,
      int tryNumber,
      long start,
      long end,
      String xcomJson,
      String pushedJson,
      String mlflowRunId,
      String note) {
    persistence.recordTaskInstance(
        new TaskInstanceRecord(
            dagId,
            runId,
            taskId,
            mapIndex,
            state.value(),
            tryNumber,
            operator,
            start,
            end,
            xcomJson,
            mlflowRunId,
            note,
            pushedJson));
  }
}
