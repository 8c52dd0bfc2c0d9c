package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.repository.XComRow;
import java.time.OffsetDateTime;

/**
 * Airflow 3's XComResponse: an XCom entry without its value, as lists show it. {@code timestamp} is
 * when the task instance ended (its run's logical date before that).
 */
public record XComResponse(
    String key,
    OffsetDateTime timestamp,
    OffsetDateTime logicalDate,
    int mapIndex,
    String taskId,
    String dagId,
    String runId,
    String dagDisplayName,
    String taskDisplayName,
    OffsetDateTime runAfter) {

  static XComResponse of(XComRow row) {
    return new XComResponse(
        row.key(),
        row.timestamp(),
        row.logicalDate(),
        row.mapIndex(),
        row.taskId(),
        row.dagId(),
        row.runId(),
        row.dagId(),
        row.taskId(),
        row.runAfter());
  }
}
