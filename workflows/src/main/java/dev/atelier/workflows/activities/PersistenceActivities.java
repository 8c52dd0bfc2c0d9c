package dev.atelier.workflows.activities;

import io.temporal.activity.ActivityInterface;

/** Writes run and task-instance state to PostgreSQL so the API and UI can read it. */
@ActivityInterface
public interface PersistenceActivities {
  /** Upserts one task instance row (key: dag, run, task, map index). */
  void recordTaskInstance(TaskInstanceRecord record);

  /** Sets a Dag run's state (queued, running, success, failed) and its start/end dates. */
  void recordDagRunState(String dagId, String runId, String state, long atMillis);
}
