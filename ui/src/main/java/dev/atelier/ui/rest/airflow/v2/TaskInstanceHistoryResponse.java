package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.repository.TaskInstanceRow;
import java.time.OffsetDateTime;

/**
 * Airflow 3's TaskInstanceHistoryResponse: one try of a task instance, an ended one from {@code
 * task_instance_history} or the current one.
 */
public record TaskInstanceHistoryResponse(
    String taskId,
    String dagId,
    String dagRunId,
    int mapIndex,
    OffsetDateTime startDate,
    OffsetDateTime endDate,
    Double duration,
    String state,
    int tryNumber,
    int maxTries,
    String taskDisplayName,
    String dagDisplayName,
    String hostname,
    String unixname,
    String pool,
    int poolSlots,
    String queue,
    Integer priorityWeight,
    String operator,
    String operatorName,
    OffsetDateTime queuedWhen,
    OffsetDateTime scheduledWhen,
    Integer pid,
    String executor,
    String executorConfig,
    Object dagVersion) {

  static TaskInstanceHistoryResponse of(TaskInstanceResponse ti, TaskInstanceRow row) {
    return new TaskInstanceHistoryResponse(
        ti.taskId(),
        ti.dagId(),
        ti.dagRunId(),
        ti.mapIndex(),
        ti.startDate(),
        ti.endDate(),
        ti.duration(),
        ti.state(),
        row.tryNumber(),
        ti.maxTries(),
        ti.taskDisplayName(),
        ti.dagDisplayName(),
        null,
        ti.unixname(),
        ti.pool(),
        ti.poolSlots(),
        ti.queue(),
        ti.priorityWeight(),
        ti.operator(),
        ti.operatorName(),
        null,
        null,
        null,
        null,
        ti.executorConfig(),
        null);
  }
}
