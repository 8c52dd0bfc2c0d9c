package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.repository.DagRunRow;
import java.time.OffsetDateTime;

/** Airflow's BasicDAGRun: a run as a dataset event's {@code created_dagruns} lists it. */
public record BasicDagRun(
    String runId,
    String dagId,
    OffsetDateTime logicalDate,
    OffsetDateTime startDate,
    OffsetDateTime endDate,
    OffsetDateTime dataIntervalStart,
    OffsetDateTime dataIntervalEnd,
    String state) {

  static BasicDagRun of(DagRunRow row) {
    return new BasicDagRun(
        row.runId(),
        row.dagId(),
        row.logicalDate(),
        row.startDate(),
        row.endDate(),
        row.dataIntervalStart(),
        row.dataIntervalEnd(),
        row.state());
  }
}
