package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.repository.DagRow;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.schedule.DagRunInfo;
import dev.atelier.workflows.schedule.DagTimetable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Airflow's DAG object. Fields Atelier has no notion of keep Airflow's neutral values. The {@code
 * next_dagrun*} fields say which run the schedule creates next (its logical date and data interval,
 * and when it will be created); null for manual and dataset-scheduled Dags, as in Airflow.
 */
public record AirflowDag(
    String dagId,
    String dagDisplayName,
    String rootDagId,
    boolean isPaused,
    boolean isActive,
    boolean isSubdag,
    OffsetDateTime lastParsedTime,
    OffsetDateTime lastPickled,
    OffsetDateTime lastExpired,
    Boolean schedulerLock,
    String pickleId,
    String fileloc,
    List<String> owners,
    String description,
    ScheduleInterval scheduleInterval,
    String timetableDescription,
    List<Tag> tags,
    int maxActiveTasks,
    int maxActiveRuns,
    int maxConsecutiveFailedDagRuns,
    boolean hasTaskConcurrencyLimits,
    boolean hasImportErrors,
    OffsetDateTime nextDagrun,
    OffsetDateTime nextDagrunDataIntervalStart,
    OffsetDateTime nextDagrunDataIntervalEnd,
    OffsetDateTime nextDagrunCreateAfter,
    String defaultView) {

  /** A DAG tag: Airflow wraps each name in an object. */
  public record Tag(String name) {}

  /**
   * {@code dag} is the code's definition, absent when the code no longer defines the Dag; {@code
   * timetable} its schedule; {@code next} the next scheduled run, if any.
   */
  static AirflowDag of(DagRow row, Dag dag, DagTimetable timetable, DagRunInfo next) {
    return new AirflowDag(
        row.dagId(),
        row.dagId(),
        null,
        row.isPaused(),
        dag != null,
        false,
        row.updatedAt(),
        null,
        null,
        null,
        null,
        "dev.atelier.workflows (Java DSL)",
        List.of("atelier"),
        row.description(),
        timetable == null ? null : ScheduleInterval.of(timetable.timetable()),
        timetable == null ? null : timetable.timetable().description(),
        row.tags().stream().map(Tag::new).toList(),
        16,
        dag == null ? 16 : dag.maxActiveRuns(),
        0,
        false,
        false,
        next == null ? null : utc(next.logicalDate()),
        next == null ? null : utc(next.interval().start()),
        next == null ? null : utc(next.interval().end()),
        next == null ? null : utc(next.runAfter()),
        "grid");
  }

  private static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
