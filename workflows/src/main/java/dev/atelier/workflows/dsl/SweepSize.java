package dev.atelier.workflows.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How many trials each mapped task of a run would start, checked against {@link
 * Limits#MAX_TRIALS_PER_SWEEP} before the run exists: the product of the lengths of the lists it
 * maps over ({@code learning_rates} × {@code latent_dims}). Lists that come from upstream XComs are
 * only known while the run runs and are not counted here.
 */
public final class SweepSize {
  private SweepSize() {}

  /**
   * One line per mapped task that would start too many trials, naming the params it maps over, the
   * count and the maximum; empty when none does.
   */
  public static List<String> violations(Dag dag, Map<String, Object> params) {
    List<String> out = new ArrayList<>();
    for (TaskSpec task : dag.toSpec().tasks()) {
      if (task.expand() == null || task.expand().isEmpty()) {
        continue;
      }
      Map<String, List<Object>> lists;
      try {
        lists = Expansion.resolve(task.taskId(), task.expand(), params);
      } catch (IllegalArgumentException notFromParams) {
        continue;
      }
      long trials = 1;
      for (List<Object> list : lists.values()) {
        trials *= list.size();
      }
      if (trials > Limits.MAX_TRIALS_PER_SWEEP) {
        out.add(
            task.expand().values().stream()
                    .map(SweepSize::source)
                    .collect(Collectors.joining(" × "))
                + ": "
                + trials
                + " trials of task "
                + task.taskId()
                + " is above the maximum of "
                + Limits.MAX_TRIALS_PER_SWEEP
                + " trials per sweep");
      }
    }
    return out;
  }

  /** {@code params.learning_rates} for an argument taken from a param, else the argument. */
  private static String source(Object expandArg) {
    if (expandArg instanceof Map<?, ?> m && m.get(ParamRef.JSON_KEY) != null) {
      return "params." + m.get(ParamRef.JSON_KEY);
    }
    return Values.show(expandArg);
  }
}
