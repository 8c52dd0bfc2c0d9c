package dev.atelier.workflows.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.IntBinaryOperator;

/**
 * Asynchronous successive halving (ASHA, Li et al. 2020; the rule of Optuna's {@code
 * SuccessiveHalvingPruner}): rungs at {@code firstRung·η^k} below {@code maxSteps}; a trial that
 * passes a rung goes on only if its value there is among the best ⌈n/η⌉ of the n trials that have
 * reached that rung so far, itself included. Nothing waits for a rung to fill: the first trial at a
 * rung always goes on, and later ones are compared with whoever got there before them.
 *
 * <p>Choices, where the paper or Optuna leave room:
 *
 * <ul>
 *   <li>A trial's value at rung r is the objective (best or last, as the objective says) over its
 *       evaluations at or before step r, so that evaluations between rungs never give a trial
 *       credit for steps past the rung; schedule evaluations on the rung steps for exact
 *       comparisons. Optuna instead records the value reported at the first step at or after the
 *       rung.
 *   <li>Keep: n values at the rung, k = ⌈n/η⌉; the trial goes on when its value is no worse than
 *       the k-th best (ties go on, as in Optuna). With fewer than η values k is 1: the trial goes
 *       on only if it is the best so far, which is Optuna's rule for a rung's first η−1 trials.
 *       Optuna keeps max(1, ⌊n/η⌋), which is the same for n ≤ η and at multiples of η and one fewer
 *       otherwise: ours stops a little less eagerly while a rung is still filling.
 *   <li>A trial that reports past several rungs at once is judged at each of them in turn.
 *   <li>A trial with no value at a rung (the metric was never logged, or only as NaN) goes on; the
 *       divergence stop rule is the place that stops NaNs.
 *   <li>Every trial that reached the rung counts, whatever its state now (a trial stopped later for
 *       another reason still says how good the rung's values were).
 * </ul>
 */
public final class SuccessiveHalving implements Pruner {
  private final Objective objective;
  private final int eta;
  private final List<Long> rungs;
  private final String where;
  private final IntBinaryOperator keep;

  /** ⌈n/η⌉ of n values at a rung go on. */
  static final IntBinaryOperator CEILING = (n, eta) -> (n + eta - 1) / eta;

  /** Optuna's count, max(1, ⌊n/η⌋); for tests that replay Optuna's decisions. */
  static final IntBinaryOperator OPTUNA = (n, eta) -> Math.max(1, n / eta);

  /**
   * Judged at the rungs between the trial's previous evaluation and its latest one: the sweep calls
   * once per evaluation, and a rung already passed is never judged again.
   *
   * @param firstRung the first rung (ASHA's grace period r·η^s)
   * @param eta the reduction factor, at least 2
   * @param maxSteps a trial's full length; no rung at or past it (0: no limit)
   * @param where appended to "at rung N" in a stop detail (Hyperband names the bracket), or ""
   */
  public SuccessiveHalving(
      Objective objective, long firstRung, int eta, long maxSteps, String where) {
    this(objective, firstRung, eta, maxSteps, where, CEILING);
  }

  SuccessiveHalving(
      Objective objective,
      long firstRung,
      int eta,
      long maxSteps,
      String where,
      IntBinaryOperator keep) {
    this.objective = objective;
    this.eta = eta;
    this.rungs = rungSteps(firstRung, eta, maxSteps);
    this.where = where;
    this.keep = keep;
  }

  /** The rung steps: {@code firstRung·η^k} for k = 0, 1, ... below {@code maxSteps} (0: none). */
  public static List<Long> rungSteps(long firstRung, int eta, long maxSteps) {
    List<Long> out = new ArrayList<>();
    long limit = maxSteps > 0 ? maxSteps : Long.MAX_VALUE;
    for (long r = firstRung; r < limit; r *= eta) {
      out.add(r);
      if (r > Long.MAX_VALUE / eta) {
        break;
      }
    }
    return List.copyOf(out);
  }

  public List<Long> rungs() {
    return rungs;
  }

  @Override
  public Verdict judge(TrialView trial, List<TrialView> all) {
    long now = TrialValues.lastStep(trial);
    long before = TrialValues.previousStep(trial);
    for (long rung : rungs) {
      if (rung > before && rung <= now) {
        Verdict v = judgeAt(rung, trial, all);
        if (v.stops()) {
          return v;
        }
      }
    }
    return Verdict.CONTINUE;
  }

  private Verdict judgeAt(long rung, TrialView trial, List<TrialView> all) {
    OptionalDouble mine = TrialValues.objectiveAt(objective, trial, rung);
    if (mine.isEmpty()) {
      return Verdict.CONTINUE;
    }
    Direction d = objective.direction();
    List<Double> losses = new ArrayList<>();
    losses.add(d.loss(mine.getAsDouble()));
    for (TrialView other : all) {
      if (other.id() != trial.id() && TrialValues.lastStep(other) >= rung) {
        TrialValues.objectiveAt(objective, other, rung).ifPresent(v -> losses.add(d.loss(v)));
      }
    }
    Collections.sort(losses);
    int n = losses.size();
    double cut = losses.get(keep.applyAsInt(n, eta) - 1);
    if (d.loss(mine.getAsDouble()) <= cut) {
      return Verdict.CONTINUE;
    }
    return Verdict.stop(
        StopReason.RUNG,
        valuePhrase(trial, rung, mine.getAsDouble())
            + " is not in the top 1/"
            + eta
            + " at rung "
            + rung
            + where
            + " (cut "
            + Figures.of(d.loss(cut)) // loss() is its own inverse: back to the metric's sign
            + ", "
            + n
            + " trials reached it)");
  }

  /** "fd_rgb8 9.81 at step 200", or "best fd_rgb8 9.81 up to step 200" for a best-counts one. */
  private String valuePhrase(TrialView trial, long rung, double value) {
    String metric = objective.metric();
    Optional<Evaluation> at = TrialValues.latestWith(metric, trial.evaluations(), rung);
    long step = at.map(Evaluation::step).orElse(rung);
    return objective.useBest()
        ? "best " + metric + " " + Figures.of(value) + " up to step " + step
        : metric + " " + Figures.of(value) + " at step " + step;
  }
}
