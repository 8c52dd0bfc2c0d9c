package dev.atelier.workflows.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds trial views for tests: one evaluation of {@code fd_rgb8} per value. */
final class Trials {
  static final Objective FD = new Objective("fd_rgb8", Direction.MINIMIZE, true);

  private Trials() {}

  static TrialView done(int id, Map<String, Object> params, double fd) {
    return new TrialView(id, params, TrialState.COMPLETE, List.of(eval(100, fd)));
  }

  static TrialView pruned(int id, long step, double fd) {
    List<Evaluation> evals = new ArrayList<>();
    for (long s = 100; s <= step; s += 100) {
      evals.add(eval(s, fd));
    }
    return new TrialView(id, Map.of(), TrialState.PRUNED, evals);
  }

  static TrialView with(int id, TrialState state, Map<String, Object> params) {
    return new TrialView(id, params, state, List.of());
  }

  static Evaluation eval(long step, double fd) {
    return new Evaluation(step, Map.of("fd_rgb8", fd));
  }
}
