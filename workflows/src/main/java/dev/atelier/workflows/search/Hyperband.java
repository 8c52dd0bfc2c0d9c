package dev.atelier.workflows.search;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;

/**
 * Hyperband (Li et al. 2018) in its asynchronous form (Optuna's {@code HyperbandPruner}): several
 * successive halvings side by side, bracket b with its first rung at {@code minSteps·η^b}, so the
 * sweep hedges between stopping early and often (bracket 0) and letting trials grow before judging
 * them (the last bracket). Each trial belongs to one bracket and is compared only with the trials
 * of its bracket.
 *
 * <p>Brackets: as many as {@code brackets} says, but no more than fit (those whose first rung is at
 * most {@code maxSteps}: ⌊log_η(maxSteps/minSteps)⌋ + 1, Optuna's count); 0 means all that fit. The
 * last of them may have its first rung at {@code maxSteps} itself: it never stops a trial, which is
 * Hyperband's "no early stopping" bracket.
 *
 * <p>Which bracket: Optuna's split of trials, bracket b (s = B−1−b) receiving ⌈B·η^s/(s+1)⌉ parts
 * of the total, so the aggressive brackets get more trials as in the paper. A trial id is placed by
 * the golden-ratio sequence u = frac(id·(√5−1)/2), which spreads any run of consecutive ids evenly
 * over [0, 1); the bracket is the one whose share covers u. Optuna hashes the study name and trial
 * number instead; ours gives a small sweep (ids 0..n) a split close to the shares from its first
 * trials on, and is the same on every replay.
 */
public final class Hyperband implements Pruner {
  private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

  private final List<SuccessiveHalving> brackets;
  private final long[] shares;
  private final long total;
  private final IntUnaryOperator placement;

  public Hyperband(Objective objective, long minSteps, int eta, long maxSteps, int brackets) {
    this(objective, minSteps, eta, maxSteps, brackets, SuccessiveHalving.CEILING, null);
  }

  /**
   * With another keep count and another placement of trials in brackets (null: ours), for tests
   * that replay Optuna's decisions with the brackets Optuna chose.
   */
  Hyperband(
      Objective objective,
      long minSteps,
      int eta,
      long maxSteps,
      int brackets,
      IntBinaryOperator keep,
      IntUnaryOperator placement) {
    int fit = fitting(minSteps, eta, maxSteps);
    int count = brackets <= 0 ? fit : maxSteps <= 0 ? brackets : Math.min(brackets, fit);
    List<SuccessiveHalving> list = new ArrayList<>();
    shares = new long[count];
    long sum = 0;
    long first = minSteps;
    for (int b = 0; b < count; b++) {
      list.add(new SuccessiveHalving(objective, first, eta, maxSteps, " of bracket " + b, keep));
      first = first > Long.MAX_VALUE / eta ? Long.MAX_VALUE : first * eta;
      int s = count - 1 - b;
      long pow = 1;
      for (int i = 0; i < s; i++) {
        pow *= eta;
      }
      shares[b] = (count * pow + s) / (s + 1); // ⌈B·η^s/(s+1)⌉
      sum += shares[b];
    }
    this.brackets = List.copyOf(list);
    this.total = sum;
    this.placement = placement != null ? placement : this::golden;
  }

  /**
   * Brackets whose first rung {@code minSteps·η^b} is at most {@code maxSteps}; with no {@code
   * maxSteps} (0) any number fits, and only an explicit count says how many (1 without one).
   */
  static int fitting(long minSteps, int eta, long maxSteps) {
    if (maxSteps <= 0) {
      return 1;
    }
    int n = 0;
    for (long r = minSteps; r <= maxSteps; r *= eta) {
      n++;
      if (r > Long.MAX_VALUE / eta) {
        break;
      }
    }
    return Math.max(n, 1);
  }

  public int bracketCount() {
    return brackets.size();
  }

  /** Each bracket's parts of the split of trials (Optuna's trial allocation budgets). */
  List<Long> shares() {
    List<Long> out = new ArrayList<>();
    for (long s : shares) {
      out.add(s);
    }
    return out;
  }

  /** The bracket trial {@code id} belongs to. */
  public int bracketOf(int id) {
    return placement.applyAsInt(id);
  }

  private int golden(int id) {
    double u = (id * GOLDEN) % 1.0;
    double at = u * total;
    long cumulative = 0;
    for (int b = 0; b < shares.length; b++) {
      cumulative += shares[b];
      if (at < cumulative) {
        return b;
      }
    }
    return shares.length - 1;
  }

  /** The rung steps of bracket {@code b} (empty for a bracket that never stops a trial). */
  public List<Long> rungs(int b) {
    return brackets.get(b).rungs();
  }

  @Override
  public Verdict judge(TrialView trial, List<TrialView> all) {
    int b = bracketOf(trial.id());
    List<TrialView> mates = new ArrayList<>();
    for (TrialView t : all) {
      if (bracketOf(t.id()) == b) {
        mates.add(t);
      }
    }
    return brackets.get(b).judge(trial, mates);
  }
}
