package dev.atelier.workflows.activities;

/**
 * A launched trial: the launcher's job id (Kubernetes Job name or local process id), the MLflow
 * child run it logs to, and its working directory (spec, logs, result).
 *
 * @param instance the task instance try this launch is, stamped by the trial workflow after the
 *     launch (the launch itself does not know the workflow's try number), so {@code awaitTrial} can
 *     show the job's queued and running phases on the instance's row; null in histories from before
 *     it existed, and then nothing is shown
 * @param sweepWorkflowId the searching sweep {@code awaitTrial} sends the trial's evaluations to
 *     (from {@link TrialRequest#sweepWorkflowId()}); null when none listens
 */
public record TrialHandle(
    String jobId,
    String mlflowRunId,
    String workDir,
    int mapIndex,
    TaskInstanceTry instance,
    String sweepWorkflowId) {

  public TrialHandle(
      String jobId, String mlflowRunId, String workDir, int mapIndex, TaskInstanceTry instance) {
    this(jobId, mlflowRunId, workDir, mapIndex, instance, null);
  }

  /** A handle not yet stamped with its try. */
  public TrialHandle(String jobId, String mlflowRunId, String workDir, int mapIndex) {
    this(jobId, mlflowRunId, workDir, mapIndex, null);
  }

  /** The same launch, as the given try of its task instance. */
  public TrialHandle forTry(TaskInstanceTry instance) {
    return new TrialHandle(jobId, mlflowRunId, workDir, mapIndex, instance, sweepWorkflowId);
  }
}
