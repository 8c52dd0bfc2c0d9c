package dev.atelier.ui.service;

import java.util.Map;

/**
 * One MLflow run trained on a dataset version (its {@code atelier.dataset_*} tags), as the datasets
 * page lists it: the trial it was (Dag, Dag run, task, map index), the MLflow run status and
 * Atelier's verdict ({@code atelier.status}, null while it runs), and its latest metrics.
 */
public record DatasetVersionRun(
    String mlflowRunId,
    String dagId,
    String dagRunId,
    String taskId,
    Integer mapIndex,
    String runStatus,
    String status,
    Map<String, Double> metrics) {}
