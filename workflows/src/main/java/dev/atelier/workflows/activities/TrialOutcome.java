package dev.atelier.workflows.activities;

import java.util.Map;

/**
 * How a trial ended. {@code status} is one of SUCCEEDED, BAD_SPEC, DIVERGED, INTERRUPTED, PRUNED
 * (stopped by its sweep, exit 4: not a failure), FAILED, GONE (the job vanished). {@code metrics}
 * holds the final values of the run's metrics.
 */
public record TrialOutcome(
    int mapIndex,
    String mlflowRunId,
    String status,
    int exitCode,
    String reason,
    Map<String, Double> metrics,
    long lastStep) {

  public boolean succeeded() {
    return "SUCCEEDED".equals(status);
  }
}
