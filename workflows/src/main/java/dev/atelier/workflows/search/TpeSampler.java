package dev.atelier.workflows.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tree-structured Parzen estimator (Bergstra et al. 2011; Watanabe 2023), following Optuna's
 * {@code TPESampler}: random configurations until {@code startupTrials} trials are complete or
 * pruned; then the trials are split into good and bad ({@link TrialSplit}), a {@link
 * ParzenEstimator} is fitted to each, {@code candidates} draws are taken from the good one, l(x),
 * and the draw with the largest log l(x) − log g(x) wins.
 *
 * <p>{@code multivariate}: the unconditional parameters are drawn from one joint estimator
 * (Optuna's {@code multivariate=True}); otherwise each parameter has its own. Conditional
 * parameters are always drawn one by one, each from the trials in which it was active: Optuna's
 * behaviour with {@code group=False}, its default, which needs no bookkeeping of active sets.
 * {@code constantLiar}: running trials join the bad side, so two free slots get different
 * proposals.
 *
 * <p>The random stream is the sampler's own: the same sequence of {@link #ask} calls with the same
 * trials gives the same configurations, which the sweep workflow's replay relies on.
 */
final class TpeSampler implements Sampler {
  private final SearchSpace space;
  private final Objective objective;
  private final AlgorithmSpec algorithm;
  private final Draws startup;
  private final Draws rng;

  TpeSampler(SearchSpace space, Objective objective, AlgorithmSpec algorithm, long seed) {
    this(space, objective, algorithm, seed, 0, 0);
  }

  /** Its two streams at these positions ({@link #positions}: startup's, then the model's). */
  TpeSampler(
      SearchSpace space,
      Objective objective,
      AlgorithmSpec algorithm,
      long seed,
      long startupPosition,
      long position) {
    this.space = space;
    this.objective = objective;
    this.algorithm = algorithm;
    this.startup = Draws.at(seed, startupPosition);
    this.rng = Draws.at(seed ^ 0x5DEECE66DL, position);
  }

  @Override
  public List<Long> positions() {
    return List.of(startup.position(), rng.position());
  }

  @Override
  public Map<String, Object> ask(List<TrialView> trials) {
    if (TrialSplit.finished(trials) < algorithm.startupTrials()) {
      return space.random(startup);
    }
    TrialSplit split = TrialSplit.of(trials, objective, algorithm.constantLiar());
    Map<String, Object> config = new LinkedHashMap<>();
    List<Dimension> joint = new ArrayList<>();
    if (algorithm.multivariate()) {
      for (Dimension d : space.unconditional()) {
        if (!d.single()) {
          joint.add(d);
        }
      }
      config.putAll(draw(joint, split));
    }
    Map<String, Object> ordered = new LinkedHashMap<>();
    for (Dimension d : space.dimensions()) {
      if (!d.activeUnder(ordered)) {
        continue;
      }
      Object v;
      if (config.containsKey(d.name())) {
        v = config.get(d.name());
      } else if (d.single()) {
        v = d.random(rng);
      } else {
        v = draw(List.of(d), split).get(d.name());
      }
      ordered.put(d.name(), v);
    }
    return ordered;
  }

  /** One TPE proposal for these dimensions, from the trials that had all of them. */
  Map<String, Object> draw(List<Dimension> dims, TrialSplit split) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (dims.isEmpty()) {
      return out;
    }
    ParzenEstimator below = new ParzenEstimator(dims, observations(dims, split.below()));
    ParzenEstimator above = new ParzenEstimator(dims, observations(dims, split.above()));
    double[][] candidates = below.sample(rng, algorithm.candidates());
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < candidates.length; i++) {
      double score = below.logPdf(candidates[i]) - above.logPdf(candidates[i]);
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    for (int j = 0; j < dims.size(); j++) {
      out.put(dims.get(j).name(), dims.get(j).external(candidates[best][j]));
    }
    return out;
  }

  /**
   * The trials' values for these dimensions, internal form. A trial lacking one of them, or holding
   * a choice the space does not have, is left out; a number outside the bounds (PBT may perturb a
   * value past them) counts at the nearer bound.
   */
  static List<double[]> observations(List<Dimension> dims, List<TrialView> trials) {
    List<double[]> rows = new ArrayList<>();
    for (TrialView t : trials) {
      double[] row = new double[dims.size()];
      boolean usable = true;
      for (int j = 0; j < dims.size() && usable; j++) {
        Dimension d = dims.get(j);
        Object v = t.params().get(d.name());
        if (d.categorical()) {
          int index = d.indexOf(v);
          usable = index >= 0;
          row[j] = index;
        } else if (v instanceof Number x) {
          row[j] = Math.max(d.low(), Math.min(d.high(), x.doubleValue()));
        } else {
          usable = false;
        }
      }
      if (usable) {
        rows.add(row);
      }
    }
    return rows;
  }
}
