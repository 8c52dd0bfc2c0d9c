package dev.atelier.workflows.search;

import java.util.List;

/**
 * The GAN-aware stop rules' defaults, for a rule declared without its numbers. Windows are counted
 * in evaluations (the trainer's sample steps), each of which averages the losses and D's outputs
 * over the steps since the previous one, so a window of 3 already spans hundreds of steps.
 */
public final class StopRuleDefaults {
  private StopRuleDefaults() {}

  public static final String DIVERGENCE = "divergence";
  public static final String MODE_COLLAPSE = "mode_collapse";
  public static final String D_OVERPOWERING = "d_overpowering";
  public static final String NO_IMPROVEMENT = "no_improvement";

  /** The kinds, in the order the DSL lists them. */
  public static final List<String> KINDS =
      List.of(DIVERGENCE, MODE_COLLAPSE, D_OVERPOWERING, NO_IMPROVEMENT);

  /**
   * |loss_d_avg| below this is D's loss pinned at zero: D separates every real from every fake and
   * G's gradient has vanished (bce, hinge). NaN/Inf stops at once whatever the window.
   */
  public static final double DIVERGENCE_LOSS_D = 1e-3;

  public static final int DIVERGENCE_EVALUATIONS = 2;

  /** diversity_S below half the real data's: the trainer's own mode_collapse flag uses 0.5 too. */
  public static final double MODE_COLLAPSE_FRACTION = 0.5;

  public static final int MODE_COLLAPSE_EVALUATIONS = 3;

  /**
   * d_real_avg − d_fake_avg above 8 logits: D gives real images σ(4) ≈ 0.98 and fakes 0.02 on
   * average (bce); for hinge, whose margins are ±1, a gap of 8 is far past what D needs. For wgan
   * the gap is the critic's distance estimate, whose scale depends on the model: set it per model.
   */
  public static final double D_OVERPOWERING_GAP = 8.0;

  public static final int D_OVERPOWERING_EVALUATIONS = 3;

  /**
   * Where the trainer logs d_accuracy_avg, an evaluation counts as overpowered only if D also
   * classifies at least this fraction right: a mean gap can come from a few extreme scores.
   */
  public static final double D_OVERPOWERING_ACCURACY = 0.98;

  /** Any improvement of the objective's best counts (the objective's own noise is the user's). */
  public static final double NO_IMPROVEMENT_DELTA = 0.0;

  public static final int NO_IMPROVEMENT_EVALUATIONS = 5;

  /** The rule {@code kind} with its default threshold and window. */
  public static StopRuleSpec of(String kind) {
    return switch (kind) {
      case DIVERGENCE -> new StopRuleSpec(kind, DIVERGENCE_LOSS_D, DIVERGENCE_EVALUATIONS);
      case MODE_COLLAPSE ->
          new StopRuleSpec(kind, MODE_COLLAPSE_FRACTION, MODE_COLLAPSE_EVALUATIONS);
      case D_OVERPOWERING -> new StopRuleSpec(kind, D_OVERPOWERING_GAP, D_OVERPOWERING_EVALUATIONS);
      case NO_IMPROVEMENT ->
          new StopRuleSpec(kind, NO_IMPROVEMENT_DELTA, NO_IMPROVEMENT_EVALUATIONS);
      default -> throw unknownKind(kind);
    };
  }

  static IllegalArgumentException unknownKind(String kind) {
    return new IllegalArgumentException(
        "stop rule kind must be one of " + KINDS + ", got '" + kind + "'");
  }
}
