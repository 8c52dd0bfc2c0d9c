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

  public static List<Long> of(JsonNode earlyStopping) {
    String kind = earlyStopping.path("kind").asText("none");
    long min = field(earlyStopping, "minSteps", "min_steps");
    long eta = field(earlyStopping, "reductionFactor", "reduction_factor");
    long max = field(earlyStopping, "maxSteps", "max_steps");
    List<Long> rungs = new ArrayList<>();
    if (kind.equals("none") || min <= 0 || eta < 2) {
      return rungs;
    }
    for (long r = min; (max <= 0 || r < max) && rungs.size() < MAX_RUNGS; r *= eta) {
      rungs.add(r);
    }
    return rungs;
  }

  private static long field(JsonNode n, String camel, String snake) {
    return (n.has(camel) ? n.get(camel) : n.path(snake)).asLong(0);
  }
}
