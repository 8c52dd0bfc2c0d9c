package dev.atelier.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Looks up the Dag a TriggerDagRunOperator names in the worker's DagBag and checks the conf against
 * its params, so the workflow can start the run (workflow code cannot load Dags: that runs user
 * code). Implementations: {@link DagRunPreparer}.
 */
@ActivityInterface
public interface TriggerActivities {
  String PREPARE_DAG_RUN = "PrepareDagRun";

  /**
   * An unknown Dag or a conf that breaks its params is a non-retryable failure naming every
   * problem.
   */
  @ActivityMethod(name = PREPARE_DAG_RUN)
  TriggeredRun prepareDagRun(TriggerRequest request);
}
