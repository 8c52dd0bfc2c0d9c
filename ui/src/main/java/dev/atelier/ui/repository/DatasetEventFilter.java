package dev.atelier.ui.repository;

import java.time.OffsetDateTime;
import java.util.Set;

/**
 * Airflow's GET /datasets/events (v1) and GET /assets/events (v2) filters; null means "any". {@code
 * datasetUris} keeps the events of those assets only (v2's name filters, resolved to URIs).
 */
public record DatasetEventFilter(
    Long datasetId,
    String sourceDagId,
    String sourceTaskId,
    String sourceRunId,
    Integer sourceMapIndex,
    Set<String> datasetUris,
    OffsetDateTime timestampGte,
    OffsetDateTime timestampGt,
    OffsetDateTime timestampLte,
    OffsetDateTime timestampLt) {

  /** v1's filters. */
  public DatasetEventFilter(
      Long datasetId,
      String sourceDagId,
      String sourceTaskId,
      String sourceRunId,
      Integer sourceMapIndex) {
    this(
        datasetId,
        sourceDagId,
        sourceTaskId,
        sourceRunId,
        sourceMapIndex,
        null,
        null,
        null,
        null,
        null);
  }
}
