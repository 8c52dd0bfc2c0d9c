package dev.atelier.workflows.activities;

import java.util.Map;

/** A TriggerDagRunOperator asking to start a run of {@code dagId} with this conf. */
public record TriggerRequest(String dagId, Map<String, Object> conf) {}
