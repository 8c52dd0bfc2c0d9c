package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.repository.TaskInstanceKey;
import java.time.OffsetDateTime;

/** Airflow's TaskInstanceReference: which instance an action touched (no map index, as Airflow). */
public record AirflowTaskInstanceReference(
    String taskId, String dagId, OffsetDateTime executionDate, String dagRunId) {

  static AirflowTaskInstanceReference of(TaskInstanceKey key) {
    return new AirflowTaskInstanceReference(
        key.taskId(), key.dagId(), key.logicalDate(), key.runId());
  }
}
