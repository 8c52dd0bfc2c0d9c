package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.DatasetEventRow;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Airflow's DatasetEvent object, with the Dag runs it triggered. */
public record AirflowDatasetEvent(
    long id,
    long datasetId,
    String datasetUri,
    Map<String, Object> extra,
    String sourceDagId,
    String sourceTaskId,
    String sourceRunId,
    int sourceMapIndex,
    List<BasicDagRun> createdDagruns,
    OffsetDateTime timestamp) {

  /** {@code created}: the runs that consumed the event. */
  static AirflowDatasetEvent of(DatasetEventRow row, List<DagRunRow> created) {
    return new AirflowDatasetEvent(
        row.id(),
        row.datasetId(),
        row.datasetUri(),
        row.extra(),
        row.sourceDagId(),
        row.sourceTaskId(),
        row.sourceRunId(),
        row.sourceMapIndex(),
        created.stream().map(BasicDagRun::of).toList(),
        row.timestamp());
  }
}
