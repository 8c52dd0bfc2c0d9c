package dev.atelier.workflows.activities;

/** The run a TriggerDagRunOperator created, and its state then (queued or running). */
public record TriggeredRun(String dagId, String runId, String state) {}
