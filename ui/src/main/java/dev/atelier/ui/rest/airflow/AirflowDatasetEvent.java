package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.repository.DatasetEventRow;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Airflow's DatasetEvent object. */
public record AirflowDatasetEvent(
    long id,
    long datasetId,
    String datasetUri,
    Map<String, Object> extra,
    String sourceDagId,
    String sourceTaskId,
    String sourceRunId,
    int sourceMapIndex,
    List<Object> createdDagruns,
    OffsetDateTime timestamp) {

  static AirflowDatasetEvent of(DatasetEventRow row) {
    return new AirflowDatasetEvent(
        row.id(),
        row.datasetId(),
        row.datasetUri(),
        row.extra(),
        row.sourceDagId(),
        row.sourceTaskId(),
        row.sourceRunId(),
        row.sourceMapIndex(),
        List.of(),
        row.timestamp());
  }
}
