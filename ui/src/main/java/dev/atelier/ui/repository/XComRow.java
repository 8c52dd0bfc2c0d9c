package dev.atelier.ui.repository;

import java.time.OffsetDateTime;

/**
 * One XCom of a task instance as Airflow's API lists it: its key ({@code return_value} for what the
 * task returned), the value as JSON text, and when the instance ended (its run's {@code run_after}
 * while it has not). {@code logicalDate} is null for a run without one.
 */
public record XComRow(
    String dagId,
    String runId,
    String taskId,
    int mapIndex,
    String key,
    String valueJson,
    OffsetDateTime timestamp,
    OffsetDateTime logicalDate,
    OffsetDateTime runAfter) {}
