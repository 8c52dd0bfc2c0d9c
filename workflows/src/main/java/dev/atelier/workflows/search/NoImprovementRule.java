package dev.atelier.workflows.search;

import java.util.ArrayList;
import java.util.List;

/**
 * No improvement: the best objective value of the last {@code evaluations} evaluations (those
 * carrying the metric) is not better than the best before them by more than {@code threshold}
 * (absolute, in the metric's units). It fires at the {@code evaluations}-th evaluation after the
 * last real improvement, and never before the trial has {@code evaluations} + 1 values, one of them
 * the reference. The per-evaluation values are compared whether the objective counts the best or
 * the last value: "did it get better lately" is about the values themselves.
 */
record NoImprovementRule(Objective objective, double threshold, int evaluations)
    implements StopRule {

  @Override
  public Verdict judge(TrialView trial) {
    String metric = objective.metric();
    List<Evaluation> with = new ArrayList<>();
    for (Evaluation e : trial.evaluations()) {
      if (Streak.finite(e, metric).isPresent()) {
        with.add(e);
      }
    }
    int n = with.size();
    if (n <= evaluations) {
      return Verdict.CONTINUE;
    }
    Evaluation before = best(with.subList(0, n - evaluations));
    Evaluation recent = best(with.subList(n - evaluations, n));
    Direction d = objective.direction();
    double gain = d.loss(value(before)) - d.loss(value(recent));
    if (gain > threshold) {
      return Verdict.CONTINUE;
    }
    return Verdict.stop(
        StopReason.NO_IMPROVEMENT,
        metric
            + " did not improve by more than "
            + Figures.of(threshold)
            + " in the last "
            + evaluations
            + " evaluations (best "
            + Figures.of(value(before))
            + " at step "
            + before.step()
            + ", best since "
            + Figures.of(value(recent))
            + " at step "
            + recent.step()
            + ")");
  }

  private double value(Evaluation e) {
    return e.metrics().get(objective.metric());
  }

  /** The best evaluation of a non-empty list; the earliest of equal ones. */
  private Evaluation best(List<Evaluation> evs) {
    Evaluation b = evs.get(0);
    for (Evaluation e : evs) {
      if (objective.direction().better(value(e), value(b))) {
        b = e;
      }
    }
    return b;
  }
}
