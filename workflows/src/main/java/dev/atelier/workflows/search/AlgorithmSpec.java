package dev.atelier.workflows.search;

/**
 * How configurations are proposed.
 *
 * @param name {@code grid}, {@code random} or {@code tpe}
 * @param startupTrials tpe: random trials before the model takes over (Optuna's n_startup_trials)
 * @param candidates tpe: candidates drawn from l(x) per proposal (Optuna's n_ei_candidates)
 * @param multivariate tpe: one joint density over the parameters rather than one per parameter
 * @param constantLiar tpe: running trials count as if they had the worst value seen, so parallel
 *     proposals spread out
 */
public record AlgorithmSpec(
    String name, int startupTrials, int candidates, boolean multivariate, boolean constantLiar) {}
