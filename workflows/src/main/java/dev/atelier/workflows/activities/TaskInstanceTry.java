package dev.atelier.workflows.activities;

/**
 * One try of one task instance: the {@code task_instance} row (Dag, run, task, map index) at the
 * try number the workflow gave it. A waiting activity that knows it writes the phase of the try's
 * job on that row, and only while the row is still at this try (see {@link TrialHandle}).
 */
public record TaskInstanceTry(
    String dagId, String runId, String taskId, int mapIndex, int tryNumber) {}
