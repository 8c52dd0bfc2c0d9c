package dev.atelier.workflows.activities;

import java.util.Map;

/**
 * Everything one trial needs: where it belongs (Dag run, mapped task, MLflow parent run), its
 * hyperparameters, the dataset version from upstream, and the sweep's probe seed so every trial
 * draws its grids from the same latents.
 *
 * @param kubernetes the train task's Kubernetes arguments, with the KubernetesJobOperator's names
 *     ({@code node_selector}, {@code tolerations}, {@code affinity}, {@code priority_class_name},
 *     {@code labels}, {@code annotations}, {@code container_resources}, {@code
 *     service_account_name}, {@code volumes}, {@code volume_mounts}, {@code
 *     startup_timeout_seconds}, {@code active_deadline_seconds}, {@code queue_name}); empty for
 *     none, and null in histories from before it existed
 * @param sweepWorkflowId the searching sweep to send this trial's evaluations to ({@code
 *     SweepWorkflow.report}); null for a fixed sweep (an expand) and in older histories
 * @param initFrom PBT: where the trial starts from, {@code {"map_index": donor, "step": S}} (the
 *     donor trial of the same task and run, and the step of its checkpoint to take); null to start
 *     afresh
 */
public record TrialRequest(
    String dagId,
    String runId,
    String taskId,
    int mapIndex,
    String experimentName,
    String parentRunId,
    Map<String, Object> hyperparams,
    Map<String, Object> dataset,
    long probeSeed,
    int gpus,
    Map<String, Object> kubernetes,
    String sweepWorkflowId,
    Map<String, Object> initFrom) {

  /** A trial of a fixed sweep: no sweep listens to its evaluations, and it starts afresh. */
  public TrialRequest(
      String dagId,
      String runId,
      String taskId,
      int mapIndex,
      String experimentName,
      String parentRunId,
      Map<String, Object> hyperparams,
      Map<String, Object> dataset,
      long probeSeed,
      int gpus,
      Map<String, Object> kubernetes) {
    this(
        dagId,
        runId,
        taskId,
        mapIndex,
        experimentName,
        parentRunId,
        hyperparams,
        dataset,
        probeSeed,
        gpus,
        kubernetes,
        null,
        null);
  }
}
