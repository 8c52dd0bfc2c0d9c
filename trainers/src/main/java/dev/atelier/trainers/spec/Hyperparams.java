package dev.atelier.trainers.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The knobs a sweep varies; every one is logged as an MLflow param.
 *
 * @param lrG the generator's Adam learning rate
 * @param lrD the discriminator's Adam learning rate
 * @param gpWeight the WGAN-GP penalty weight (lambda); used only with {@link LossKind#WGAN_GP}
 * @param r1Gamma the R1 penalty weight on real images; 0 turns it off
 * @param emaDecay the decay of the generator's weight average; 0 turns the average off
 */
public record Hyperparams(
    double lrG,
    double lrD,
    double beta1,
    double beta2,
    int latentDim,
    int batchSize,
    int steps,
    int gWidth,
    int dWidth,
    LossKind loss,
    double gpWeight,
    double r1Gamma,
    double emaDecay) {

  public static final Hyperparams DEFAULTS =
      new Hyperparams(0.0002, 0.0002, 0.5, 0.999, 64, 64, 300, 64, 64, LossKind.BCE, 10, 0, 0.999);

  /** The first spec's seven knobs; everything added later takes its default. */
  public Hyperparams(
      double lr, double beta1, int latentDim, int batchSize, int steps, int gWidth, int dWidth) {
    this(
        lr,
        lr,
        beta1,
        DEFAULTS.beta2,
        latentDim,
        batchSize,
        steps,
        gWidth,
        dWidth,
        DEFAULTS.loss,
        DEFAULTS.gpWeight,
        DEFAULTS.r1Gamma,
        DEFAULTS.emaDecay);
  }

  /** A copy with other values for the new knobs, for code and tests that build specs by hand. */
  public Hyperparams with(LossKind loss, double gpWeight, double r1Gamma, double emaDecay) {
    return new Hyperparams(
        lrG, lrD, beta1, beta2, latentDim, batchSize, steps, gWidth, dWidth, loss, gpWeight,
        r1Gamma, emaDecay);
  }

  /** A copy with other learning rates. */
  public Hyperparams withLearningRates(double lrG, double lrD) {
    return new Hyperparams(
        lrG, lrD, beta1, beta2, latentDim, batchSize, steps, gWidth, dWidth, loss, gpWeight,
        r1Gamma, emaDecay);
  }

  /** Whether the discriminator is trained with a penalty on its input gradient. */
  public boolean gradientPenalty() {
    return loss == LossKind.WGAN_GP || r1Gamma > 0;
  }

  /**
   * The spec's snake_case names and values, in the order the spec documents them. {@code lr} is
   * there only when both networks share it, so a sweep over {@code lr} still finds its param.
   */
  public Map<String, Object> asSpecMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (lrG == lrD) {
      m.put("lr", lrG);
    }
    m.put("lr_g", lrG);
    m.put("lr_d", lrD);
    m.put("beta1", beta1);
    m.put("beta2", beta2);
    m.put("latent_dim", latentDim);
    m.put("batch_size", batchSize);
    m.put("steps", steps);
    m.put("g_width", gWidth);
    m.put("d_width", dWidth);
    m.put("loss", loss.specName());
    m.put("gp_weight", gpWeight);
    m.put("r1_gamma", r1Gamma);
    m.put("ema_decay", emaDecay);
    return m;
  }
}
