package dev.atelier.activities.operators;

import dev.atelier.workflows.activities.TrialOutcome;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The best successful trial by one metric: lowest for "min", highest for "max". When no trial
 * completed, the best pruned one: a searching sweep stopped before any trial finished keeps its
 * best trial (the sweep names it {@code atelier.best_trial} the same way), and a pruned trial's
 * checkpoint stands.
 */
public final class BestTrial {
  public static final List<String> MODES = List.of("min", "max");

  private BestTrial() {}

  public static Optional<TrialOutcome> pick(List<TrialOutcome> trials, String metric, String mode) {
    if (!MODES.contains(mode)) {
      throw new IllegalArgumentException("mode: '" + mode + "' is not one of " + MODES);
    }
    return best(trials, metric, mode, TrialOutcome::succeeded)
        .or(() -> best(trials, metric, mode, t -> "PRUNED".equals(t.status())));
  }

  private static Optional<TrialOutcome> best(
      List<TrialOutcome> trials, String metric, String mode, Predicate<TrialOutcome> usable) {
    Comparator<TrialOutcome> byMetric = Comparator.comparingDouble(t -> t.metrics().get(metric));
    return trials.stream()
        .filter(usable)
        .filter(t -> t.metrics() != null && t.metrics().get(metric) != null)
        .filter(t -> Double.isFinite(t.metrics().get(metric)))
        .min(mode.equals("min") ? byMetric : byMetric.reversed());
  }
}
