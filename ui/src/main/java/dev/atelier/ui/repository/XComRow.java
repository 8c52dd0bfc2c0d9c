package dev.atelier.ui.repository;

import java.time.OffsetDateTime;

/**
 * One XCom of a task instance as Airflow's API lists it: its key ({@code return_value} for what the
 * task returned), the value as JSON text, and when the instance ended.
 */
public record XComRow(
    String dagId,
    String runId,
    String taskId,
    int mapIndex,
    String key,
    String valueJson,
    OffsetDateTime timestamp,
    OffsetDateTime logicalDate) {}
