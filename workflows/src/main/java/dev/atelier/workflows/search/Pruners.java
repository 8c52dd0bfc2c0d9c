package dev.atelier.workflows.search;

import java.util.List;

/** Builds the pruner and the stop rules a {@link SearchSpec} names. */
public final class Pruners {
  private Pruners() {}

  /** Successive halving, Hyperband, or {@link Pruner#NONE}. */
  public static Pruner of(SearchSpec spec) {
    if (spec.earlyStopping() == null || "none".equals(spec.earlyStopping().kind())) {
      return Pruner.NONE;
    }
    throw new UnsupportedOperationException("early stopping '" + spec.earlyStopping().kind() + "'");
  }

  /** The GAN-aware stop rules, in declaration order. */
  public static List<StopRule> stopRules(SearchSpec spec) {
    if (spec.stopRules() == null || spec.stopRules().isEmpty()) {
      return List.of();
    }
    throw new UnsupportedOperationException("stop rules");
  }
}
