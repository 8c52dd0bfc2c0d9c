package dev.atelier.workflows.activities;

import java.util.List;

/**
 * One poke of an ExternalTaskSensor: the watched Dag, task (null for the whole run) and the logical
 * date of the watched run, with the states that count as done and as failed.
 */
public record ExternalTaskPoke(
    String dagId,
    String taskId,
    String logicalDate,
    List<String> allowedStates,
    List<String> failedStates) {}
