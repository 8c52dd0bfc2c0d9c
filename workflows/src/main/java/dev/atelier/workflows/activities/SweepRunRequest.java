package dev.atelier.workflows.activities;

import java.util.Map;

/** The MLflow parent run of one sweep: experiment {@code atelier/<dagId>}. */
public record SweepRunRequest(
    String dagId, String runId, String taskId, int trialCount, Map<String, String> params) {}
