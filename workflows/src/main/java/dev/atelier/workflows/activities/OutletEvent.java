package dev.atelier.workflows.activities;

import java.util.List;
import java.util.Map;

/**
 * One dataset event a succeeded task instance produced for one of its outlets: Airflow's {@code
 * DatasetEvent} fields (dataset URI, extra, and the source Dag, run, task and map index, -1 when
 * not mapped), and for an event added through alias outlets the names of those aliases (Airflow's
 * {@code source_aliases}; null or empty for an asset outlet's event).
 */
public record OutletEvent(
    String datasetUri,
    Map<String, Object> extra,
    String sourceDagId,
    String sourceRunId,
    String sourceTaskId,
    int sourceMapIndex,
    List<String> sourceAliases) {

  /** An asset outlet's event (no alias). */
  public OutletEvent(
      String datasetUri,
      Map<String, Object> extra,
      String sourceDagId,
      String sourceRunId,
      String sourceTaskId,
      int sourceMapIndex) {
    this(datasetUri, extra, sourceDagId, sourceRunId, sourceTaskId, sourceMapIndex, null);
  }
}
