package dev.atelier.workflows.activities;

import io.temporal.activity.ActivityInterface;
import java.util.Map;

/** MLflow bookkeeping that is not one trial's: sweep parent runs. */
@ActivityInterface
public interface TrackingActivities {
  /** Creates (or finds, by tags, on retry) the sweep's parent run; returns its MLflow run id. */
  String startSweepRun(SweepRunRequest request);

  /** Sets tags on a run (a searching sweep's workflow id, and at its end its best trial). */
  void tagRun(String mlflowRunId, Map<String, String> tags);

  /** Ends an MLflow run with FINISHED, FAILED or KILLED. */
  void finishRun(String mlflowRunId, String status);
}
