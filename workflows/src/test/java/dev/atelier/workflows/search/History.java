package dev.atelier.workflows.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the trials the sweep would hand to pruners, stop rules and PBT: a mutable history per
 * trial that tests append reports to, in the order the sweep receives them.
 */
final class History {
  static final Objective FD = new Objective("fd_rgb8", Direction.MINIMIZE, false);

  private final Map<Integer, List<Evaluation>> history = new LinkedHashMap<>();
  private final Map<Integer, TrialState> states = new LinkedHashMap<>();
  private final Map<Integer, Map<String, Object>> params = new LinkedHashMap<>();

  /** Trial {@code id} reports {@code metric}={@code value} at {@code step}; returns its view. */
  TrialView report(int id, long step, String metric, double value) {
    return report(id, new Evaluation(step, Map.of(metric, value)));
  }

  TrialView report(int id, Evaluation e) {
    history.computeIfAbsent(id, k -> new ArrayList<>()).add(e);
    states.putIfAbsent(id, TrialState.RUNNING);
    return view(id);
  }

  void state(int id, TrialState s) {
    states.put(id, s);
  }

  void params(int id, Map<String, Object> p) {
    params.put(id, p);
  }

  TrialView view(int id) {
    return new TrialView(
        id,
        params.getOrDefault(id, Map.of()),
        states.getOrDefault(id, TrialState.RUNNING),
        List.copyOf(history.getOrDefault(id, List.of())));
  }

  List<TrialView> all() {
    List<TrialView> out = new ArrayList<>();
    for (int id : history.keySet()) {
      out.add(view(id));
    }
    return out;
  }

  /** The evaluations' metrics as name, value pairs: {@code ev(100, "loss_d_avg", 0.3)}. */
  static Evaluation ev(long step, Object... nameValue) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      m.put((String) nameValue[i], ((Number) nameValue[i + 1]).doubleValue());
    }
    return new Evaluation(step, m);
  }

  /** A trial with these evaluations and nothing else. */
  static TrialView trial(Evaluation... evaluations) {
    return new TrialView(0, Map.of(), TrialState.RUNNING, List.of(evaluations));
  }
}
