package dev.atelier.ui.repository;

/** Airflow's GET /datasets/events filters; null means "any". */
public record DatasetEventFilter(
    Long datasetId,
    String sourceDagId,
    String sourceTaskId,
    String sourceRunId,
    Integer sourceMapIndex) {}
