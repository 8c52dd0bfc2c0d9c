package dev.atelier.workflows.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Divergence: a NaN or infinite value among the latest evaluation's metrics stops the trial at once
 * (nothing trains back from NaN weights); and D's loss pinned at zero, |loss_d_avg| below {@code
 * threshold} for {@code evaluations} evaluations in a row, stops it too: D separates everything and
 * G's gradient has vanished. The absolute value because wgan's critic loss is negative while it
 * learns, and a plain "below" would stop every wgan trial at its first evaluation; for bce and
 * hinge, whose D losses are never negative, it is the same test.
 */
record DivergenceRule(double threshold, int evaluations) implements StopRule {
  static final String LOSS_D = "loss_d_avg";

  @Override
  public Verdict judge(TrialView trial) {
    List<Evaluation> evs = trial.evaluations();
    if (evs.isEmpty()) {
      return Verdict.CONTINUE;
    }
    Evaluation last = evs.get(evs.size() - 1);
    List<String> broken = new ArrayList<>();
    for (Map.Entry<String, Double> m : new TreeMap<>(last.metrics()).entrySet()) {
      Double v = m.getValue();
      if (v != null && (v.isNaN() || v.isInfinite())) {
        broken.add(m.getKey() + " was " + Figures.of(v));
      }
    }
    if (!broken.isEmpty()) {
      return Verdict.stop(
          StopReason.DIVERGED, String.join(", ", broken) + " at step " + last.step());
    }
    List<Evaluation> run =
        Streak.trailing(
            evs, e -> Streak.finite(e, LOSS_D).map(v -> Math.abs(v) < threshold), evaluations);
    if (run.size() < evaluations) {
      return Verdict.CONTINUE;
    }
    Evaluation end = run.get(run.size() - 1);
    return Verdict.stop(
        StopReason.DIVERGED,
        LOSS_D
            + " stayed below "
            + Figures.of(threshold)
            + " for "
            + evaluations
            + " evaluations in a row ("
            + Figures.of(end.metrics().get(LOSS_D))
            + " at step "
            + end.step()
            + "): D separates real from fake completely and G gets no gradient");
  }
}
