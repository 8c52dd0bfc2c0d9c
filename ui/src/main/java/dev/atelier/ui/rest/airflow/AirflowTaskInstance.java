package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.TaskInstanceRow;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Airflow's TaskInstance object; {@code duration} is in seconds, null until the task ends. Fields
 * about Airflow's executors (hostname, pid, trigger, SLA) carry Airflow's values for "none"; the
 * field is never null where Airflow's schema says it cannot be.
 */
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
    String hostname,
    String unixname,
    String pool,
    int poolSlots,
    String queue,
    Integer priorityWeight,
    String operator,
    OffsetDateTime queuedWhen,
    Integer pid,
    String executor,
    String executorConfig,
    Object slaMiss,
    Map<String, Object> renderedFields,
    Object trigger,
    Object triggererJob,
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
        "",
        "atelier",
        "default_pool",
        1,
        "atelier",
        1,
        ti.operator(),
        null,
        null,
        null,
        "{}",
        null,
        Map.of(),
        null,
        null,
        ti.note());
  }
}
