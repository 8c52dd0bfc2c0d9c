package dev.atelier.workflows.search;

/**
 * Rung-based early stopping.
 *
 * @param kind {@code none}, {@code asha} (asynchronous successive halving) or {@code hyperband}
 * @param minSteps the first rung (the grace period): no trial is judged before it
 * @param reductionFactor η: at each rung only the top 1/η go on; rungs are at minSteps·η^k
 * @param maxSteps the steps of a trial that is never stopped (the trials' {@code steps})
 * @param brackets hyperband: how many brackets (each a successive halving with a larger first
 *     rung); 0 means all that fit between minSteps and maxSteps
 */
public record EarlyStoppingSpec(
    String kind, long minSteps, int reductionFactor, long maxSteps, int brackets) {
  public static final EarlyStoppingSpec NONE = new EarlyStoppingSpec("none", 0, 0, 0, 0);
}
