package dev.atelier.workflows.activities;

import java.util.Map;

/**
 * The run a task instance belongs to, as Airflow's context shows it: the logical date and data
 * interval (ISO-8601) and the conf the run was triggered with.
 */
public record RunInfo(
    String logicalDate,
    String dataIntervalStart,
    String dataIntervalEnd,
    Map<String, Object> conf) {}
