package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.repository.DagRow;
import java.time.OffsetDateTime;
import java.util.List;

/** Airflow's DAG object. Fields Atelier has no notion of keep Airflow's neutral values. */
public record AirflowDag(
    String dagId,
    String dagDisplayName,
    String rootDagId,
    boolean isPaused,
    boolean isActive,
    boolean isSubdag,
    OffsetDateTime lastParsedTime,
    String fileloc,
    List<String> owners,
    String description,
    ScheduleInterval scheduleInterval,
    String timetableDescription,
    List<Tag> tags,
    int maxActiveTasks,
    int maxActiveRuns,
    boolean hasTaskConcurrencyLimits,
    boolean hasImportErrors,
    String defaultView) {

  /** A DAG tag: Airflow wraps each name in an object. */
  public record Tag(String name) {}

  static AirflowDag of(DagRow row) {
    return new AirflowDag(
        row.dagId(),
        row.dagId(),
        null,
        row.isPaused(),
        true,
        false,
        row.updatedAt(),
        "dev.atelier.workflows (Java DSL)",
        List.of("atelier"),
        row.description(),
        ScheduleInterval.of(row.schedule()),
        row.schedule() == null ? "Never, external triggers only" : row.schedule(),
        row.tags().stream().map(Tag::new).toList(),
        16,
        16,
        false,
        false,
        "grid");
  }
}
