package dev.atelier.workflows.search;

import java.util.List;

/**
 * A sweep's search as declared on a {@code TrainOperator} ({@code dsl.Search} builds and checks
 * it): the space, the objective, the algorithm, the budget, early stopping, the GAN-aware stop
 * rules and, optionally, population-based training. Plain records only, so it travels as JSON in
 * the sweep workflow's input and in the Dag's JSON form.
 *
 * @param space the parameters, in declaration order (a conditional one after its parent)
 * @param objective the metric the sweep optimises
 * @param algorithm how configurations are proposed: grid, random or tpe
 * @param budget how many trials, how many at once, and how much work in all
 * @param earlyStopping successive halving / Hyperband, or none
 * @param stopRules the GAN-aware stop rules, each judged at every evaluation
 * @param pbt population-based training, or null
 * @param seed the seed of every random choice the search makes
 */
public record SearchSpec(
    List<ParamSpec> space,
    Objective objective,
    AlgorithmSpec algorithm,
    BudgetSpec budget,
    EarlyStoppingSpec earlyStopping,
    List<StopRuleSpec> stopRules,
    PbtSpec pbt,
    long seed) {}
