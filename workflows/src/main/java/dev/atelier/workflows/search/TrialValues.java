package dev.atelier.workflows.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What pruners, stop rules and PBT read off a trial's evaluations. Evaluations come at the
 * trainer's sample steps, which need not fall on a rung or an exploit step, so "the value at step
 * s" is always taken from the evaluations at or before s: a trial is never credited with training
 * it had not done yet at s.
 */
final class TrialValues {
  private TrialValues() {}

  /** The step of the trial's latest evaluation, or {@link Long#MIN_VALUE} when it has none. */
  static long lastStep(TrialView trial) {
    List<Evaluation> e = trial.evaluations();
    return e.isEmpty() ? Long.MIN_VALUE : e.get(e.size() - 1).step();
  }

  /** The step of the evaluation before the latest one, or {@link Long#MIN_VALUE}. */
  static long previousStep(TrialView trial) {
    List<Evaluation> e = trial.evaluations();
    return e.size() < 2 ? Long.MIN_VALUE : e.get(e.size() - 2).step();
  }

  static List<Evaluation> upTo(List<Evaluation> evaluations, long step) {
    List<Evaluation> out = new ArrayList<>();
    for (Evaluation e : evaluations) {
      if (e.step() <= step) {
        out.add(e);
      }
    }
    return out;
  }

  /** The objective (best or last, as it says) over the evaluations at or before {@code step}. */
  static OptionalDouble objectiveAt(Objective objective, TrialView trial, long step) {
    return objective.valueOf(upTo(trial.evaluations(), step));
  }

  /** The latest evaluation at or before {@code step} that carries a non-NaN {@code metric}. */
  static Optional<Evaluation> latestWith(String metric, List<Evaluation> evaluations, long step) {
    for (int i = evaluations.size() - 1; i >= 0; i--) {
      Evaluation e = evaluations.get(i);
      Double v = e.metrics().get(metric);
      if (e.step() <= step && v != null && !v.isNaN()) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
