package dev.atelier.workflows.temporal;

import java.util.Map;

/** The run's final state ("success" or "failed") and each task instance's final state. */
public record DagRunResult(String state, Map<String, String> taskStates) {}
