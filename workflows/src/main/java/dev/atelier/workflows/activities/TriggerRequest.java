package dev.atelier.workflows.activities;

import java.util.Map;

/**
 * A TriggerDagRunOperator asking for a run of {@code dagId}: its run id (null: {@code
 * manual__<logical date>}), logical date (ISO-8601), conf, and a note naming the task instance that
 * asked (the run's note, and how a retried request recognises its own run).
 */
public record TriggerRequest(
    String dagId, String runId, String logicalDate, Map<String, Object> conf, String note) {}
