package dev.atelier.ui.service;

import java.util.List;
import java.util.Map;

/**
 * Everything the sweep page draws, in one answer: MLflow's record of the sweep (always) with the
 * running workflow's view over it ({@code live}) while there is one.
 *
 * @param workflowId the sweep's {@code SweepWorkflow} id ({@code <Dag run workflow id>:<task>})
 * @param live true when the running workflow answered its {@code state()} query
 * @param liveNote why the page shows MLflow alone, or null when live
 * @param searching true for a searching sweep (sampler, pruner, budget); false for a fixed grid
 * @param controllable true when its limits can be changed and it can be stopped now
 * @param objectiveAssumed true when the sweep declares no objective and the page judges it by a
 *     quality metric its trials logged ({@link SweepObjective#assumed})
 * @param axes the hyperparameters, in the search space's order
 * @param rungs the steps at which early stopping judges trials (empty without rung stopping)
 * @param maxSteps the steps of a trial that is never stopped, for the rung ladder's scale
 * @param counts trials by state: complete, pruned, failed, running, pending
 * @param mlflowError why MLflow could not be read, or null
 */
public record SweepDetail(
    String dagId,
    String dagRunId,
    String taskId,
    String runState,
    String workflowId,
    String parentRunId,
    boolean live,
    String liveNote,
    boolean searching,
    boolean controllable,
    String algorithm,
    SweepObjective objective,
    boolean objectiveAssumed,
    Integer maxTrials,
    Integer maxParallelTrials,
    Long trialStepsSpent,
    Long maxTrialSteps,
    boolean stopping,
    Integer bestTrial,
    Double bestValue,
    String bestRunId,
    List<SweepAxis> axes,
    List<Long> rungs,
    Long maxSteps,
    List<BestSoFar.Point> bestSoFar,
    TopGrids topGrids,
    Map<String, Long> counts,
    List<SweepTrialView> trials,
    String mlflowError) {}
