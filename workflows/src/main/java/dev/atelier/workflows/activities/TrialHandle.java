package dev.atelier.workflows.activities;

/**
 * A launched trial: the launcher's job id (Kubernetes Job name or local process id), the MLflow
 * child run it logs to, and its working directory (spec, logs, result).
 */
public record TrialHandle(String jobId, String mlflowRunId, String workDir, int mapIndex) {}
