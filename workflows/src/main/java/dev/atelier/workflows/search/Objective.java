package dev.atelier.workflows.search;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What the sweep optimises: a metric the trial logs at its evaluations, its direction, and whether
 * a trial's best value or its last one counts.
 *
 * @param metric an MLflow metric name the trial logs at evaluation steps, e.g. {@code fd_rgb8}
 * @param direction smaller or larger is better
 * @param useBest true: the trial's best value so far counts; false: its latest
 */
public record Objective(String metric, Direction direction, boolean useBest) {

  /** The trial's objective value after these evaluations, or empty when none carries the metric. */
  public OptionalDouble valueOf(List<Evaluation> evaluations) {
    Double chosen = null;
    for (Evaluation e : evaluations) {
      Double v = e.metrics().get(metric);
      if (v == null || v.isNaN()) {
        continue;
      }
      if (chosen == null || !useBest || direction.better(v, chosen)) {
        chosen = v;
      }
    }
    return chosen == null ? OptionalDouble.empty() : OptionalDouble.of(chosen);
  }
}
