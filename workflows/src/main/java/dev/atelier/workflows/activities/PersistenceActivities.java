package dev.atelier.workflows.activities;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/** Writes run and task-instance state to PostgreSQL so the API and UI can read it. */
@ActivityInterface
public interface PersistenceActivities {
  /** Upserts one task instance row (key: dag, run, task, map index). */
  void recordTaskInstance(TaskInstanceRecord record);

  /**
   * Upserts several task-instance state changes in one call, in list order (one instance may appear
   * more than once, e.g. queued then running): what a run decided at once costs one call, not one
   * per instance. Atomic: either every change is stored or none.
   */
  void recordTaskInstances(List<TaskInstanceRecord> records);

  /** Sets a Dag run's state (queued, running, success, failed) and its start/end dates. */
  void recordDagRunState(String dagId, String runId, String state, long atMillis);
}
