package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.repository.DagRow;
import dev.atelier.workflows.dsl.Dag;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Airflow's DAG object. Fields Atelier has no notion of keep Airflow's neutral values; the {@code
 * next_dagrun*} fields stay null because no scheduler creates runs on a schedule yet.
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

  /** {@code dag} is the code's definition, absent when the code no longer defines the Dag. */
  static AirflowDag of(DagRow row, Dag dag) {
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
        ScheduleInterval.of(row.schedule()),
        row.schedule() == null ? "Never, external triggers only" : row.schedule(),
        row.tags().stream().map(Tag::new).toList(),
        16,
        dag == null ? 16 : dag.maxActiveRuns(),
        0,
        false,
        false,
        null,
        null,
        null,
        null,
        "grid");
  }
}
