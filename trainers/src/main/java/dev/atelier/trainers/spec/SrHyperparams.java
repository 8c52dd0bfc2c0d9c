package dev.atelier.trainers.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The knobs of an {@code srgan4x} trial; every one is logged as an MLflow param.
 *
 * @param gWidth the generator's channels in every residual block
 * @param dWidth the discriminator's first-layer channels (doubling twice)
 * @param residualBlocks the generator's residual blocks at low resolution
 * @param adversarialWeight the adversarial term's weight in G's loss (SRGAN: 1e-3)
 * @param contentOnlySteps steps at the start in which G minimises the content loss alone (D still
 *     trains), SRGAN's SRResNet pre-training folded into one run
 * @param emaDecay the decay of the generator's weight average, which draws every probe picture and
 *     PSNR and is exported (0: no average), with the GAN trainer's rule and warm-up
 */
public record SrHyperparams(
    double lrG,
    double lrD,
    double beta1,
    double beta2,
    int batchSize,
    int steps,
    int gWidth,
    int dWidth,
    int residualBlocks,
    double adversarialWeight,
    ContentLoss contentLoss,
    int contentOnlySteps,
    double emaDecay) {

  public static final SrHyperparams DEFAULTS =
      new SrHyperparams(
          0.0001,
          0.0001,
          0.9,
          0.999,
          16,
          1000,
          32,
          32,
          6,
          0.001,
          ContentLoss.L1,
          0,
          Hyperparams.DEFAULTS.emaDecay());

  /** Without {@code ema_decay}: the spec's default average. */
  public SrHyperparams(
      double lrG,
      double lrD,
      double beta1,
      double beta2,
      int batchSize,
      int steps,
      int gWidth,
      int dWidth,
      int residualBlocks,
      double adversarialWeight,
      ContentLoss contentLoss,
      int contentOnlySteps) {
    this(
        lrG,
        lrD,
        beta1,
        beta2,
        batchSize,
        steps,
        gWidth,
        dWidth,
        residualBlocks,
        adversarialWeight,
        contentLoss,
        contentOnlySteps,
        Hyperparams.DEFAULTS.emaDecay());
  }

  /** The spec's snake_case names and values, in the order the spec documents them. */
  public Map<String, Object> asSpecMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (lrG == lrD) {
      m.put("lr", lrG);
    }
    m.put("lr_g", lrG);
    m.put("lr_d", lrD);
    m.put("beta1", beta1);
    m.put("beta2", beta2);
    m.put("batch_size", batchSize);
    m.put("steps", steps);
    m.put("g_width", gWidth);
    m.put("d_width", dWidth);
    m.put("residual_blocks", residualBlocks);
    m.put("adversarial_weight", adversarialWeight);
    m.put("content_loss", contentLoss.specName());
    m.put("content_only_steps", contentOnlySteps);
    m.put("ema_decay", emaDecay);
    return m;
  }
}
