package dev.atelier.ui.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a sweep's early stopping judges trials, from its {@code search.early_stopping} param:
 * successive halving's rungs are at {@code minSteps·η^k} below {@code maxSteps}; Hyperband's
 * brackets start at rungs of the same ladder, so the same steps.
 */
public final class SweepRungs {
  private static final int MAX_RUNGS = 64;

  private SweepRungs() {}

  /**
   * @param trialSteps the steps of a trial that is never stopped, when {@code maxSteps} is not
   *     given (ASHA needs none): the trials' {@code steps}; null when unknown, then only the first
   *     rung is known
   */
  public static List<Long> of(JsonNode earlyStopping, Long trialSteps) {
    String kind = earlyStopping.path("kind").asText("none");
    long min = field(earlyStopping, "minSteps", "min_steps");
    long eta = field(earlyStopping, "reductionFactor", "reduction_factor");
    long max = field(earlyStopping, "maxSteps", "max_steps");
    if (max <= 0 && trialSteps != null) {
      max = trialSteps;
    }
    List<Long> rungs = new ArrayList<>();
    if (kind.equals("none") || min <= 0 || eta < 2) {
      return rungs;
    }
    if (max <= 0) {
      rungs.add(min);
      return rungs;
    }
    for (long r = min; r < max && rungs.size() < MAX_RUNGS; r *= eta) {
      rungs.add(r);
      if (r > Long.MAX_VALUE / eta) {
        break;
      }
    }
    return rungs;
  }

  private static long field(JsonNode n, String camel, String snake) {
    return (n.has(camel) ? n.get(camel) : n.path(snake)).asLong(0);
  }
}
