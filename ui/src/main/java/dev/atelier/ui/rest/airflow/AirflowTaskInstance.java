package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.TaskInstanceRow;
import java.time.Duration;
import java.time.OffsetDateTime;

/** Airflow's TaskInstance object; {@code duration} is in seconds, null until the task ends. */
public record AirflowTaskInstance(
    String taskId,
    String taskDisplayName,
    String dagId,
    String dagRunId,
    OffsetDateTime executionDate,
    OffsetDateTime startDate,
    OffsetDateTime endDate,
    Double duration,
    String state,
    int tryNumber,
    int mapIndex,
    String renderedMapIndex,
    int maxTries,
    String pool,
    int poolSlots,
    String queue,
    String operator,
    String note) {

  static AirflowTaskInstance of(DagRunRow run, TaskInstanceRow ti) {
    Double duration =
        ti.startDate() == null || ti.endDate() == null
            ? null
            : Duration.between(ti.startDate(), ti.endDate()).toMillis() / 1000.0;
    return new AirflowTaskInstance(
        ti.taskId(),
        ti.taskId(),
        ti.dagId(),
        ti.runId(),
        run.logicalDate(),
        ti.startDate(),
        ti.endDate(),
        duration,
        ti.state(),
        ti.tryNumber(),
        ti.mapIndex(),
        ti.mapIndex() < 0 ? null : String.valueOf(ti.mapIndex()),
        0,
        "default_pool",
        1,
        "atelier",
        ti.operator(),
        ti.note());
  }
}
