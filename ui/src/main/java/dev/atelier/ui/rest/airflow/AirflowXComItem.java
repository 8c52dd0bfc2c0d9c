package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.repository.XComRow;
import java.time.OffsetDateTime;

/** Airflow's XComCollectionItem: an XCom entry without its value. */
public record AirflowXComItem(
    String key,
    OffsetDateTime timestamp,
    OffsetDateTime executionDate,
    int mapIndex,
    String taskId,
    String dagId) {

  static AirflowXComItem of(XComRow row) {
    return new AirflowXComItem(
        row.key(), row.timestamp(), row.logicalDate(), row.mapIndex(), row.taskId(), row.dagId());
  }
}
