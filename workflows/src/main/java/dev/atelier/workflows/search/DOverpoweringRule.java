package dev.atelier.workflows.search;

import java.util.List;
import java.util.Optional;

/**
 * D overpowering G: {@code d_real_avg − d_fake_avg} above {@code threshold} for {@code evaluations}
 * evaluations in a row (D's mean outputs: logits for bce, raw scores for hinge and wgan). Where the
 * evaluation also carries {@code d_accuracy_avg}, it counts only if D classifies at least {@link
 * StopRuleDefaults#D_OVERPOWERING_ACCURACY} of real and fake images right as well: a mean gap can
 * come from a few extreme scores while D still confuses many images, and then G is still learning.
 */
record DOverpoweringRule(double threshold, int evaluations) implements StopRule {
  static final String D_REAL = "d_real_avg";
  static final String D_FAKE = "d_fake_avg";
  static final String D_ACCURACY = "d_accuracy_avg";

  @Override
  public Verdict judge(TrialView trial) {
    List<Evaluation> run = Streak.trailing(trial.evaluations(), this::overpowered, evaluations);
    if (run.size() < evaluations) {
      return Verdict.CONTINUE;
    }
    Evaluation end = run.get(run.size() - 1);
    double gap = end.metrics().get(D_REAL) - end.metrics().get(D_FAKE);
    Optional<Double> accuracy = Streak.finite(end, D_ACCURACY);
    return Verdict.stop(
        StopReason.D_OVERPOWERING,
        D_REAL
            + " − "
            + D_FAKE
            + " "
            + Figures.of(gap)
            + " stayed above "
            + Figures.of(threshold)
            + accuracy.map(a -> " with " + D_ACCURACY + " " + Figures.of(a)).orElse("")
            + " for "
            + evaluations
            + " evaluations in a row (steps "
            + run.get(0).step()
            + "–"
            + end.step()
            + ")");
  }

  private Optional<Boolean> overpowered(Evaluation e) {
    Optional<Double> real = Streak.finite(e, D_REAL);
    Optional<Double> fake = Streak.finite(e, D_FAKE);
    if (real.isEmpty() || fake.isEmpty()) {
      return Optional.empty();
    }
    boolean wide = real.get() - fake.get() > threshold;
    boolean accurate =
        Streak.finite(e, D_ACCURACY)
            .map(a -> a >= StopRuleDefaults.D_OVERPOWERING_ACCURACY)
            .orElse(true);
    return Optional.of(wide && accurate);
  }
}
