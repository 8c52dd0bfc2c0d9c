package dev.atelier.workflows.search;

import java.util.List;
import java.util.Optional;

/**
 * "For k evaluations in a row": the evaluations where a rule's condition could be judged (those
 * carrying its metrics) at the end of a trial's history, counted while the condition holds.
 * Evaluations without the metrics are skipped, neither extending nor breaking the streak, since the
 * trainer may log quality metrics at fewer evaluations than losses.
 */
final class Streak {
  private Streak() {}

  /** A condition on one evaluation: empty when it cannot be judged there. */
  interface Condition {
    Optional<Boolean> holds(Evaluation e);
  }

  /**
   * The evaluations of the trailing run where {@code condition} held, oldest first; stops looking
   * once {@code enough} are found.
   */
  static List<Evaluation> trailing(List<Evaluation> evaluations, Condition condition, int enough) {
    java.util.ArrayDeque<Evaluation> run = new java.util.ArrayDeque<>();
    for (int i = evaluations.size() - 1; i >= 0 && run.size() < enough; i--) {
      Optional<Boolean> h = condition.holds(evaluations.get(i));
      if (h.isEmpty()) {
        continue;
      }
      if (!h.get()) {
        break;
      }
      run.addFirst(evaluations.get(i));
    }
    return List.copyOf(run);
  }

  /** The metric's value in {@code e} when present and finite. */
  static Optional<Double> finite(Evaluation e, String metric) {
    Double v = e.metrics().get(metric);
    return v == null || v.isNaN() || v.isInfinite() ? Optional.empty() : Optional.of(v);
  }
}
