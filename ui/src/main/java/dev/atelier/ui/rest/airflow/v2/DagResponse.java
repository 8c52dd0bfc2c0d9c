package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.repository.DagRow;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.schedule.DagRunInfo;
import dev.atelier.workflows.schedule.DagTimetable;
import dev.atelier.workflows.schedule.DataIntervalTimetable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Airflow 3's DAGResponse. A Dag is defined in this build's Java code, so there is no file, bundle
 * or parse step: {@code fileloc} names the DSL, {@code is_stale} says the code no longer defines
 * the Dag, and {@code last_parsed_time} is when the app last registered it. The {@code
 * next_dagrun*} fields are the run the schedule creates next; null for manual and asset-scheduled
 * Dags.
 */
public record DagResponse(
    String dagId,
    String dagDisplayName,
    boolean isPaused,
    boolean isStale,
    OffsetDateTime lastParsedTime,
    Double lastParseDuration,
    OffsetDateTime lastExpired,
    String bundleName,
    String bundleVersion,
    String relativeFileloc,
    String fileloc,
    String description,
    String timetableSummary,
    String timetableDescription,
    boolean timetablePartitioned,
    boolean timetablePeriodic,
    List<DagTagResponse> tags,
    int maxActiveTasks,
    Integer maxActiveRuns,
    int maxConsecutiveFailedDagRuns,
    boolean hasTaskConcurrencyLimits,
    boolean hasImportErrors,
    OffsetDateTime nextDagrunLogicalDate,
    OffsetDateTime nextDagrunDataIntervalStart,
    OffsetDateTime nextDagrunDataIntervalEnd,
    OffsetDateTime nextDagrunRunAfter,
    List<String> owners,
    boolean isBackfillable,
    String fileToken) {

  static final String FILELOC = "dev.atelier.workflows (Java DSL)";

  /**
   * {@code dag} is the code's definition (null when the code no longer defines the Dag), {@code
   * timetable} its schedule, {@code next} the next scheduled run, if any.
   */
  static DagResponse of(DagRow row, Dag dag, DagTimetable timetable, DagRunInfo next) {
    String summary = timetable == null ? null : timetable.timetable().summary();
    boolean periodic = timetable != null && timetable.timetable() instanceof DataIntervalTimetable;
    return new DagResponse(
        row.dagId(),
        row.dagId(),
        row.isPaused(),
        dag == null,
        row.updatedAt(),
        null,
        null,
        null,
        null,
        null,
        FILELOC,
        row.description(),
        summary,
        timetable == null ? null : timetable.timetable().description(),
        false,
        periodic,
        row.tags().stream().map(t -> new DagTagResponse(t, row.dagId(), row.dagId())).toList(),
        dag == null ? 16 : dag.maxActiveTasks(),
        dag == null ? null : dag.maxActiveRuns(),
        0,
        false,
        false,
        next == null ? null : utc(next.logicalDate()),
        next == null ? null : utc(next.interval().start()),
        next == null ? null : utc(next.interval().end()),
        next == null ? null : utc(next.runAfter()),
        List.of(dag == null ? "atelier" : dag.defaultArgs().owner()),
        periodic,
        row.dagId());
  }

  private static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
