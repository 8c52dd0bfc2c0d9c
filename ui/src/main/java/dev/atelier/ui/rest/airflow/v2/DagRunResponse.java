package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.repository.DagRunRow;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Airflow 3's DAGRunResponse: {@code logical_date} null for a run triggered without one, {@code
 * run_after} (when the run may start, what runs are ordered by) always set. Run types take Airflow
 * 3's names ({@code dataset_triggered} is {@code asset_triggered}); {@code triggered_by} follows
 * from the type. {@code dag_versions} holds the version the run was created under (empty for runs
 * from before versions were recorded), and {@code bundle_version} that version's build.
 */
public record DagRunResponse(
    String dagRunId,
    String dagId,
    OffsetDateTime logicalDate,
    OffsetDateTime queuedAt,
    OffsetDateTime startDate,
    OffsetDateTime endDate,
    Double duration,
    OffsetDateTime dataIntervalStart,
    OffsetDateTime dataIntervalEnd,
    OffsetDateTime runAfter,
    OffsetDateTime lastSchedulingDecision,
    String runType,
    String state,
    String triggeredBy,
    String triggeringUserName,
    Map<String, Object> conf,
    String note,
    List<DagVersionResponse> dagVersions,
    String bundleVersion,
    String dagDisplayName,
    String partitionKey,
    OffsetDateTime partitionDate) {

  static final List<String> RUN_TYPES =
      List.of(
          "backfill",
          "scheduled",
          "manual",
          "operator_triggered",
          "asset_triggered",
          "asset_materialization");

  static DagRunResponse of(DagRunRow row, DagVersionResponse version) {
    Double duration =
        row.startDate() == null || row.endDate() == null
            ? null
            : Duration.between(row.startDate(), row.endDate()).toMillis() / 1000.0;
    String type = runType(row.runType());
    return new DagRunResponse(
        row.runId(),
        row.dagId(),
        row.logicalDate(),
        null,
        row.startDate(),
        row.endDate(),
        duration,
        row.dataIntervalStart(),
        row.dataIntervalEnd(),
        row.runAfter(),
        null,
        type,
        row.state(),
        triggeredBy(type),
        null,
        row.conf(),
        row.note(),
        version == null ? List.of() : List.of(version),
        version == null ? null : version.bundleVersion(),
        row.dagId(),
        null,
        null);
  }

  /** Airflow 3's run type for a stored one (Airflow 2's dataset names became asset names). */
  static String runType(String stored) {
    if (stored == null) {
      return "manual";
    }
    return switch (stored) {
      case "dataset_triggered" -> "asset_triggered";
      default -> RUN_TYPES.contains(stored) ? stored : "manual";
    };
  }

  private static String triggeredBy(String runType) {
    return switch (runType) {
      case "scheduled" -> "timetable";
      case "asset_triggered", "asset_materialization" -> "asset";
      case "backfill" -> "backfill";
      case "operator_triggered" -> "operator";
      default -> "rest_api";
    };
  }
}
