package dev.atelier.workflows.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the pruner and the stop rules a {@link SearchSpec} names. The DSL checks the spec when the
 * Dag is built and reports every problem at once; the checks here are the last line for a spec that
 * arrives some other way (a hand-written Dag JSON), and name the field, the value and the rule.
 */
public final class Pruners {
  private Pruners() {}

  /** Successive halving, Hyperband, or {@link Pruner#NONE}. */
  public static Pruner of(SearchSpec spec) {
    EarlyStoppingSpec es = spec.earlyStopping();
    if (es == null || "none".equals(es.kind())) {
      return Pruner.NONE;
    }
    if (!"asha".equals(es.kind()) && !"hyperband".equals(es.kind())) {
      throw new IllegalArgumentException(
          "early_stopping.kind must be 'none', 'asha' or 'hyperband', got '" + es.kind() + "'");
    }
    if (es.minSteps() < 1) {
      throw new IllegalArgumentException(
          "early_stopping.min_steps must be at least 1, got " + es.minSteps());
    }
    if (es.reductionFactor() < 2) {
      throw new IllegalArgumentException(
          "early_stopping.reduction_factor must be at least 2, got " + es.reductionFactor());
    }
    if ("asha".equals(es.kind())) {
      return new SuccessiveHalving(
          spec.objective(), es.minSteps(), es.reductionFactor(), es.maxSteps(), "");
    }
    if (es.maxSteps() <= 0 && es.brackets() <= 0) {
      throw new IllegalArgumentException(
          "early_stopping.brackets must be set (at least 1) when max_steps is not, got "
              + es.brackets());
    }
    return new Hyperband(
        spec.objective(), es.minSteps(), es.reductionFactor(), es.maxSteps(), es.brackets());
  }

  /** The GAN-aware stop rules, in declaration order. */
  public static List<StopRule> stopRules(SearchSpec spec) {
    if (spec.stopRules() == null || spec.stopRules().isEmpty()) {
      return List.of();
    }
    List<StopRule> rules = new ArrayList<>();
    for (StopRuleSpec r : spec.stopRules()) {
      rules.add(rule(r, spec.objective()));
    }
    return List.copyOf(rules);
  }

  private static StopRule rule(StopRuleSpec r, Objective objective) {
    if (!StopRuleDefaults.KINDS.contains(r.kind())) {
      throw StopRuleDefaults.unknownKind(r.kind());
    }
    if (r.evaluations() < 1) {
      throw new IllegalArgumentException(
          "stop rule '" + r.kind() + "': evaluations must be at least 1, got " + r.evaluations());
    }
    if (Double.isNaN(r.threshold()) || Double.isInfinite(r.threshold())) {
      throw new IllegalArgumentException(
          "stop rule '" + r.kind() + "': threshold must be a finite number, got " + r.threshold());
    }
    return switch (r.kind()) {
      case StopRuleDefaults.DIVERGENCE -> new DivergenceRule(r.threshold(), r.evaluations());
      case StopRuleDefaults.MODE_COLLAPSE -> new ModeCollapseRule(r.threshold(), r.evaluations());
      case StopRuleDefaults.D_OVERPOWERING -> new DOverpoweringRule(r.threshold(), r.evaluations());
      default -> new NoImprovementRule(objective, r.threshold(), r.evaluations());
    };
  }
}
