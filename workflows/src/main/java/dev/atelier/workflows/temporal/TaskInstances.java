package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.TaskInstanceRecord;
import dev.atelier.workflows.dsl.TaskState;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Map;

/**
 * Writes task-instance state changes for one task instance of a run. Times come from {@code
 * Workflow.currentTimeMillis()}; the persistence side keeps the first start time it sees. How and
 * when a change is written is {@link Bookkeeping}'s: {@code scheduled} and settled states wait for
 * the workflow's next flush, the others are written at once.
 *
 * <p>One change is not written here: while a try's Kubernetes Job waits for Kueue, the activity
 * waiting for it moves the row between {@code queued} (with Kueue's reason) and {@code running}
 * itself, as a compare-and-set that every state written here wins over (see {@link
 * TrialWorkflowImpl} for why, and {@code activities}' {@code TryPhaseWriter}).
 */
final class TaskInstances {
  private final Bookkeeping log;
  private final String dagId;
  private final String runId;
  private final String taskId;
  private final int mapIndex;
  private final String operator;
  private long startMillis;

  TaskInstances(
      Bookkeeping log, String dagId, String runId, String taskId, int mapIndex, String operator) {
    this.log = log;
    this.dagId = dagId;
    this.runId = runId;
    this.taskId = taskId;
    this.mapIndex = mapIndex;
    this.operator = operator;
  }

  /** Decided to run; written with the rest of the decision at the workflow's next flush. */
  void scheduled() {
    log.defer(record(TaskState.SCHEDULED, 0, 0, 0, null, null, null, null));
  }

  /**
   * A state the trigger rules (or an argument that cannot be resolved) settled without a try;
   * written with the rest of the decision at the workflow's next flush.
   */
  void settled(TaskState state, String note) {
    long now = Workflow.currentTimeMillis();
    log.defer(record(state, 0, now, now, null, null, null, note));
  }

  /**
   * {@code queued} then {@code running} for one try: Airflow's states pass through queued, and both
   * go in one write (the old way, two writes in a row, for runs started before the change).
   */
  void queuedThenRunning(int tryNumber) {
    if (!log.batched()) {
      queued(tryNumber);
      running(tryNumber, null);
      return;
    }
    TaskInstanceRecord queued =
        record(TaskState.QUEUED, tryNumber, startMillis, 0, null, null, null, null);
    if (startMillis == 0) {
      startMillis = Workflow.currentTimeMillis();
    }
    log.record(
        List.of(
            queued, record(TaskState.RUNNING, tryNumber, startMillis, 0, null, null, null, null)));
  }

  /** Handed over to run (after any pool slot was granted), Airflow's {@code queued}. */
  void queued(int tryNumber) {
    queued(tryNumber, null);
  }

  /** {@code queued}, saying what it waits for (a trial waiting for a slot of the trial pool). */
  void queued(int tryNumber, String note) {
    write(TaskState.QUEUED, tryNumber, startMillis, 0, null, null, null, note);
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

  /**
   * Waiting outside any worker, Airflow's {@code deferred}: a review waiting for its answer (the
   * note says which review).
   */
  void deferred(int tryNumber, String note) {
    write(TaskState.DEFERRED, tryNumber, startMillis, 0, null, null, null, note);
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
    log.record(record(state, tryNumber, start, end, xcomJson, pushedJson, mlflowRunId, note));
  }

  private TaskInstanceRecord record(
      TaskState state,
      int tryNumber,
      long start,
      long end,
      String xcomJson,
      String pushedJson,
      String mlflowRunId,
      String note) {
    return new TaskInstanceRecord(
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
        pushedJson);
  }
}
