package dev.atelier.ui.repository;

import java.time.OffsetDateTime;
import java.util.Map;

/** One recorded change of a dataset, as Airflow's DatasetEvent describes it. */
public record DatasetEventRow(
    long id,
    long datasetId,
    String datasetUri,
    Map<String, Object> extra,
    String sourceDagId,
    String sourceTaskId,
    String sourceRunId,
    int sourceMapIndex,
    OffsetDateTime timestamp) {}
