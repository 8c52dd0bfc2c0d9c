package dev.atelier.activities.operators;

import dev.atelier.workflows.activities.TrialOutcome;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The best successful trial by one metric: lowest for "min", highest for "max". */
public final class BestTrial {
  public static final List<String> MODES = List.of("min", "max");

  private BestTrial() {}

  public static Optional<TrialOutcome> pick(List<TrialOutcome> trials, String metric, String mode) {
    if (!MODES.contains(mode)) {
      throw new IllegalArgumentException("mode: '" + mode + "' is not one of " + MODES);
    }
    Comparator<TrialOutcome> byMetric = Comparator.comparingDouble(t -> t.metrics().get(metric));
    return trials.stream()
        .filter(TrialOutcome::succeeded)
        .filter(t -> t.metrics() != null && t.metrics().get(metric) != null)
        .filter(t -> Double.isFinite(t.metrics().get(metric)))
        .min(mode.equals("min") ? byMetric : byMetric.reversed());
  }
}
