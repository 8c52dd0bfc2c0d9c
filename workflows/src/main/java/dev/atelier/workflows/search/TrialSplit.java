package dev.atelier.workflows.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * TPE's split of the trials into the good ones (l(x)) and the rest (g(x)), as Optuna makes it: the
 * best {@code gamma(n)} = min(⌈0.1·n⌉, 25) of the n complete and pruned trials are good. Complete
 * trials rank by their objective; the slots they leave go to pruned trials, deeper ones first, then
 * by the value they last reported (NaN last). Running trials (when the constant liar is on) are
 * always in the rest, as if they had the worst value seen. Failed trials, and complete ones that
 * never reported the objective, take no part. Both lists are in trial order.
 */
record TrialSplit(List<TrialView> below, List<TrialView> above) {

  static int gamma(int n) {
    return Math.min((int) Math.ceil(0.1 * n), 25);
  }

  /** Complete and pruned trials: what counts towards the startup and gamma. */
  static int finished(List<TrialView> trials) {
    return (int)
        trials.stream()
            .filter(t -> t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED)
            .count();
  }

  static TrialSplit of(List<TrialView> trials, Objective objective, boolean constantLiar) {
    List<TrialView> sorted =
        trials.stream().sorted(Comparator.comparingInt(TrialView::id)).toList();
    List<Scored> complete = new ArrayList<>();
    List<Scored> pruned = new ArrayList<>();
    List<TrialView> above = new ArrayList<>();
    for (TrialView t : sorted) {
      switch (t.state()) {
        case COMPLETE -> {
          OptionalDouble v = objective.valueOf(t.evaluations());
          if (v.isPresent()) {
            complete.add(new Scored(t, 0, objective.direction().loss(v.getAsDouble())));
          }
        }
        case PRUNED -> pruned.add(prunedScore(t, objective));
        case RUNNING -> {
          if (constantLiar) {
            above.add(t);
          }
        }
        case FAILED -> {}
      }
    }
    int nBelow = gamma(finished(trials));
    Comparator<Scored> byScore =
        Comparator.comparingDouble(Scored::depth).thenComparingDouble(Scored::loss);
    List<TrialView> below = new ArrayList<>();
    for (List<Scored> group : List.of(complete, pruned)) {
      List<Scored> ranked = group.stream().sorted(byScore).toList();
      int take = Math.min(nBelow, ranked.size());
      for (int i = 0; i < ranked.size(); i++) {
        (i < take ? below : above).add(ranked.get(i).trial());
      }
      nBelow = Math.max(0, nBelow - take);
    }
    below.sort(Comparator.comparingInt(TrialView::id));
    above.sort(Comparator.comparingInt(TrialView::id));
    return new TrialSplit(below, above);
  }

  /**
   * Optuna's pruned-trial score: (−step, value) at the last evaluation that carried the metric; a
   * NaN there ranks last at its step; a trial that never reported ranks after all others.
   */
  private static Scored prunedScore(TrialView t, Objective objective) {
    List<Evaluation> evals = t.evaluations();
    for (int i = evals.size() - 1; i >= 0; i--) {
      Evaluation e = evals.get(i);
      if (e.metrics().containsKey(objective.metric())) {
        Double raw = e.metrics().get(objective.metric());
        OptionalDouble v = objective.valueOf(evals.subList(0, i + 1));
        double loss =
            raw == null || raw.isNaN() || v.isEmpty()
                ? Double.POSITIVE_INFINITY
                : objective.direction().loss(v.getAsDouble());
        return new Scored(t, -e.step(), loss);
      }
    }
    return new Scored(t, 1, 0.0);
  }

  private record Scored(TrialView trial, double depth, double loss) {}
}
