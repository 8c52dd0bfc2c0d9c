package dev.atelier.workflows.activities;

import io.temporal.activity.ActivityInterface;

/** MLflow bookkeeping that is not one trial's: sweep parent runs. */
@ActivityInterface
public interface TrackingActivities {
  /** Creates (or finds, by tags, on retry) the sweep's parent run; returns its MLflow run id. */
  String startSweepRun(SweepRunRequest request);

  /** Ends an MLflow run with FINISHED, FAILED or KILLED. */
  void finishRun(String mlflowRunId, String status);
}
