package dev.atelier.workflows.search;

/**
 * How much a sweep may spend. A trial is started only while every limit has room; a limit of 0
 * means none (but {@code maxTrials} is always set).
 *
 * @param maxTrials trials in all
 * @param maxParallelTrials trials at once (changeable while the sweep runs)
 * @param maxTrialSteps training steps summed over every trial (the unit early stopping saves)
 * @param maxWallSeconds seconds from the sweep's start; then running trials are stopped
 *     (SWEEP_STOPPED) and no new one starts
 */
public record BudgetSpec(
    int maxTrials, int maxParallelTrials, long maxTrialSteps, long maxWallSeconds) {}
