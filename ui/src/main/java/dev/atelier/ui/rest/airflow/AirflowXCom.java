package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.repository.XComRow;
import java.time.OffsetDateTime;

/**
 * Airflow's XCom object: an entry and its value, the JSON text of what was stored, or the value
 * itself with {@code deserialize=true}, as in Airflow.
 */
public record AirflowXCom(
    String key,
    OffsetDateTime timestamp,
    OffsetDateTime executionDate,
    int mapIndex,
    String taskId,
    String dagId,
    Object value) {

  static AirflowXCom of(XComRow row, Object value) {
    return new AirflowXCom(
        row.key(),
        row.timestamp(),
        row.logicalDate(),
        row.mapIndex(),
        row.taskId(),
        row.dagId(),
        value);
  }
}
