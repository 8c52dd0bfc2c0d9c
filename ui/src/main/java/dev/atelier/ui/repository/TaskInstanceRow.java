package dev.atelier.ui.repository;

import java.time.OffsetDateTime;

/** One task instance; {@code mapIndex} is -1 for an unmapped task, as in Airflow. */
public record TaskInstanceRow(
    String dagId,
    String runId,
    String taskId,
    int mapIndex,
    String state,
    int tryNumber,
    String operator,
    OffsetDateTime startDate,
    OffsetDateTime endDate,
    String mlflowRunId,
    String note) {}
