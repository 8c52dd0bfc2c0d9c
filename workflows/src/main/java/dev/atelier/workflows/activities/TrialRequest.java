package dev.atelier.workflows.activities;

import java.util.Map;

/**
 * Everything one trial needs: where it belongs (Dag run, mapped task, MLflow parent run), its
 * hyperparameters, the dataset version from upstream, and the sweep's probe seed so every trial
 * draws its grids from the same latents.
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
    int gpus) {}
