package dev.atelier.workflows.activities;

import java.util.Map;

/**
 * One dataset event a succeeded task instance produced for one of its outlets: Airflow's {@code
 * DatasetEvent} fields (dataset URI, extra, and the source Dag, run, task and map index, -1 when
 * not mapped).
 */
public record OutletEvent(
    String datasetUri,
    Map<String, Object> extra,
    String sourceDagId,
    String sourceRunId,
    String sourceTaskId,
    int sourceMapIndex) {}
