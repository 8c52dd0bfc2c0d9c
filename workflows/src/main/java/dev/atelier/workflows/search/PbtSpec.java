package dev.atelier.workflows.search;

import java.util.List;

/**
 * Population-based training: {@code population} trials run at once; every {@code intervalSteps} a
 * trial in the bottom {@code quantile} (by the objective at that step) is stopped (EXPLOITED) and
 * replaced by a new trial that starts from a top-quantile trial's checkpoint (G, D, EMA, optimiser
 * state) with perturbed hyperparameters. Each new trial records its lineage (the trial it took the
 * checkpoint from, and the step).
 *
 * @param population trials at once
 * @param intervalSteps steps between exploit decisions (trials checkpoint at this interval)
 * @param quantile the bottom and top fraction, e.g. 0.25
 * @param perturbFactors numeric hyperparameters are multiplied by one of these, e.g. [0.8, 1.2]
 * @param resampleProbability the chance a hyperparameter is drawn afresh from the space instead
 * @param mutate the hyperparameters PBT may change (from the space); the others stay as the donor's
 */
public record PbtSpec(
    int population,
    long intervalSteps,
    double quantile,
    List<Double> perturbFactors,
    double resampleProbability,
    List<String> mutate) {}
