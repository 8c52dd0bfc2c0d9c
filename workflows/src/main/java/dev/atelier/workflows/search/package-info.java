/**
 * The sweep's search and stopping, in Optuna's shape and with no I/O: a {@link Sampler} proposes
 * the next configuration ({@code ask}), trials report {@link Evaluation}s, a {@link Pruner} and the
 * GAN-aware {@link StopRule}s answer whether a trial goes on, and {@link Pbt} says which trials
 * take whose checkpoint. Everything here is deterministic given its seed and the order of the
 * calls, so the sweep workflow keeps these objects in memory and Temporal's replay rebuilds them.
 * {@link SearchSpec} is the declared, JSON-friendly form that travels in the workflow's input; the
 * DSL builds it ({@code dsl.Search}) and checks it when the Dag is built. Pruners ({@link
 * SuccessiveHalving}, {@link Hyperband}) compare a trial with the others at rung steps; stop rules
 * (defaults in {@link StopRuleDefaults}) read one trial's own evaluations; both answer with a
 * {@link Verdict} whose detail is the sentence people see on the sweep page and in MLflow.
 */
package dev.atelier.workflows.search;
