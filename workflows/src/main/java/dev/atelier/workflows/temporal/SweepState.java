package dev.atelier.workflows.temporal;

import java.util.List;

/**
 * A searching sweep now (the {@link SweepWorkflow#state()} query): its budget, what it spent, its
 * best trial, and every trial.
 *
 * @param algorithm grid, random or tpe
 * @param objective the metric
 * @param direction min or max
 * @param maxTrials trials in all (raised by {@link SweepWorkflow#addTrials})
 * @param maxParallelTrials trials at once now
 * @param trialStepsSpent steps trained over every trial
 * @param maxTrialSteps the step budget, 0 for none
 * @param stopping true once the sweep was stopped early or its budget ran out
 * @param bestTrial the best trial's map index, or null
 * @param bestValue its objective, or null
 */
public record SweepState(
    String algorithm,
    String objective,
    String direction,
    int maxTrials,
    int maxParallelTrials,
    long trialStepsSpent,
    long maxTrialSteps,
    boolean stopping,
    Integer bestTrial,
    Double bestValue,
    List<SweepTrial> trials) {}
