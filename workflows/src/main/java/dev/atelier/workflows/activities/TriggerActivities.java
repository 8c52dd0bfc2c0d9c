package dev.atelier.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * What a TriggerDagRunOperator asks of the app: create a run of another Dag through the same
 * admission as the REST trigger and the schedules (conf checked against its params; the run waits,
 * queued, while that Dag is paused or at {@code max_active_runs}), and later, the run's state.
 * Implemented by the app, which owns the runs.
 */
@ActivityInterface
public interface TriggerActivities {
  String TRIGGER_DAG_RUN = "TriggerDagRun";
  String DAG_RUN_STATE = "DagRunState";

  /**
   * Creates the run (idempotent for a retried call with the same request). An unknown Dag, a conf
   * that breaks its params or a run id already taken is a non-retryable failure worded as the REST
   * API words it.
   */
  @ActivityMethod(name = TRIGGER_DAG_RUN)
  TriggeredRun triggerDagRun(TriggerRequest request);

  /**
   * The run's state (queued, running, success, failed); a deleted run is a non-retryable failure.
   */
  @ActivityMethod(name = DAG_RUN_STATE)
  String dagRunState(String dagId, String runId);
}
