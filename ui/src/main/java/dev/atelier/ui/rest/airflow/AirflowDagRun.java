package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.repository.DagRunRow;
import java.time.OffsetDateTime;
import java.util.Map;

/** Airflow's DAGRun object. */
public record AirflowDagRun(
    String dagRunId,
    String dagId,
    OffsetDateTime logicalDate,
    OffsetDateTime executionDate,
    OffsetDateTime startDate,
    OffsetDateTime endDate,
    OffsetDateTime dataIntervalStart,
    OffsetDateTime dataIntervalEnd,
    OffsetDateTime lastSchedulingDecision,
    String runType,
    String state,
    boolean externalTrigger,
    Map<String, Object> conf,
    String note) {

  public static AirflowDagRun of(DagRunRow row) {
    return new AirflowDagRun(
        row.runId(),
        row.dagId(),
        row.logicalDate(),
        row.logicalDate(),
        row.startDate(),
        row.endDate(),
        row.dataIntervalStart(),
        row.dataIntervalEnd(),
        null,
        // Airflow 2 knows no asset_materialization: such a run was asked for, as a manual one is.
        "asset_materialization".equals(row.runType()) ? "manual" : row.runType(),
        row.state(),
        row.externalTrigger(),
        row.conf(),
        row.note());
  }
}
