package dev.atelier.workflows.temporal;

import java.util.List;

/**
 * What a searching sweep hands the next run of itself when it continues as new (its history would
 * otherwise grow with every report): the whole state of the search, so that the new run decides
 * exactly what the old one would have. The pruner, the stop rules and PBT keep no state of their
 * own (their answers follow from the trials); the sampler's is the position of its random streams.
 *
 * @param run which continued run this starts (1 for the first continuation); pool requests are
 *     numbered per run ({@link PoolSlots#generation})
 * @param parentRunId the MLflow parent run, started once by the first run
 * @param deadlineMillis when the wall-clock budget runs out ({@code Workflow.currentTimeMillis}),
 *     {@code Long.MAX_VALUE} for none
 * @param reportsHeard reports heard by every run before this one (for the README's measurements and
 *     the state query)
 * @param maxTrials the trial budget now (raised by {@code addTrials})
 * @param maxParallelTrials trials at once now
 * @param stopping whether the sweep is stopping (budget spent or stopped by a person)
 * @param stopAskedBy who asked the sweep to stop, or null
 * @param samplerPositions the sampler's random streams ({@code Sampler.positions})
 * @param trials every trial so far, by map index
 * @param replacements PBT decisions still waiting for a slot, in order
 */
public record SweepCarry(
    int run,
    String parentRunId,
    long deadlineMillis,
    long reportsHeard,
    int maxTrials,
    int maxParallelTrials,
    boolean stopping,
    String stopAskedBy,
    List<Long> samplerPositions,
    List<CarriedTrial> trials,
    List<PbtReplacement> replacements) {}
