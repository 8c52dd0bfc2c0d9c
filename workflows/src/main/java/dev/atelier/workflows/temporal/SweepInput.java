package dev.atelier.workflows.temporal;

import java.util.List;
import java.util.Map;

/**
 * A mapped TrainOperator task, expanded: one hyperparameter map per map index (in map-index order),
 * the dataset version from upstream, and the settings shared by every trial.
 *
 * @param sweepParams what the MLflow parent run records as its params
 * @param pool the pool each trial takes {@code poolSlots} of while it runs, or null
 */
public record SweepInput(
    String dagId,
    String runId,
    String taskId,
    List<Map<String, Object>> trials,
    Map<String, Object> dataset,
    long probeSeed,
    int gpus,
    int maxParallelTrials,
    int maxInterruptedRetries,
    Map<String, String> sweepParams,
    String pool,
    int poolSlots,
    int priorityWeight) {

  /** The MLflow experiment of every run of this Dag. */
  public String experimentName() {
    return "atelier/" + dagId;
  }
}
