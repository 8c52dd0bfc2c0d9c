package dev.atelier.ui.service;

import java.util.List;
import java.util.Map;

/**
 * One trial on the sweep page: MLflow's record of it, with the running sweep's view laid over it
 * while the sweep's workflow runs.
 *
 * @param state {@code pending}, {@code running}, {@code complete}, {@code pruned} or {@code failed}
 * @param taskState the task instance's Airflow state, or null before it exists
 * @param status the trainer's {@code atelier.status} (SUCCEEDED, PRUNED, ...), or null
 * @param stopReason why the sweep stopped it ({@code rung}, {@code diverged}, ...), or null
 * @param stopDetail the sentence a person reads about that stop, or null
 * @param lastStep the last step it reported, or null before any
 * @param objective its objective (best or last value, as the sweep's objective says), or null
 * @param pbtParent PBT: the trial whose checkpoint it started from, or null
 * @param pbtParentStep PBT: that checkpoint's step, or null
 * @param history the objective at each evaluation (step, value, time), oldest first
 */
public record SweepTrialView(
    int mapIndex,
    String state,
    String taskState,
    String mlflowRunId,
    String status,
    String stopReason,
    String stopDetail,
    Map<String, String> params,
    Long lastStep,
    Double objective,
    Integer pbtParent,
    Long pbtParentStep,
    List<MetricPoint> history) {}
