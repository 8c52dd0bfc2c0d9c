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
 * @param r2Gamma the R2 penalty weight on generated images; 0 turns it off
 * @param blocksPerStage r3gan's residual blocks per resolution; 0 for the other models
 * @param groupChannels r3gan's channels per group in a block's grouped convolution (at most); 0 for
 *     the other models
 * @param wDim stylegan2's w (and style) size; 0 for the other models
 * @param mappingLayers stylegan2's mapping network depth; 0 for the other models
 * @param styleMixing stylegan2's style-mixing probability in training; 0 for the other models
 * @param r1Interval the steps between R1 (and R2) penalties, applied lazily with their weight times
 *     the interval (StyleGAN2's lazy regularisation); 1 = every step
 * @param plWeight stylegan2's path-length regularisation weight; 0 turns it off (and is the value
 *     of every other model)
 * @param plInterval the steps between path-length penalties, applied lazily with their weight times
 *     the interval; used only with {@code plWeight} > 0
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
    double emaDecay,
    double r2Gamma,
    int blocksPerStage,
    int groupChannels,
    int wDim,
    int mappingLayers,
    double styleMixing,
    int r1Interval,
    double plWeight,
    int plInterval) {

  public static final Hyperparams DEFAULTS =
      new Hyperparams(
          0.0002,
          0.0002,
          0.5,
          0.999,
          64,
          64,
          300,
          64,
          64,
          LossKind.BCE,
          10,
          0,
          0.999,
          0,
          0,
          0,
          0,
          0,
          0,
          1,
          0,
          Hyperparams.STYLEGAN2_PL_INTERVAL);

  /** r3gan's defaults for {@code blocks_per_stage} and {@code group_channels} (R3GAN's configs). */
  public static final int R3GAN_BLOCKS_PER_STAGE = 2;

  public static final int R3GAN_GROUP_CHANNELS = 16;

  /** {@code rpgan}'s default {@code r1_gamma} (and so {@code r2_gamma}). */
  public static final double RPGAN_GAMMA = 0.1;

  /** stylegan2's defaults for {@code w_dim}, {@code mapping_layers}, {@code style_mixing}. */
  public static final int STYLEGAN2_MAPPING_LAYERS = 2;

  public static final double STYLEGAN2_LR = 0.0025;

  public static final double STYLEGAN2_R1_GAMMA = 0.01;

  public static final double STYLEGAN2_STYLE_MIXING = 0.9;

  /** StyleGAN2's lazy R1: every 16 steps, 16 times the weight. */
  public static final int STYLEGAN2_R1_INTERVAL = 16;

  /** StyleGAN2's lazy path-length regularisation: every 4 steps, 4 times the weight. */
  public static final int STYLEGAN2_PL_INTERVAL = 4;

  /** The knobs up to r3gan's; stylegan2's take their off values. */
  public Hyperparams(
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
      double emaDecay,
      double r2Gamma,
      int blocksPerStage,
      int groupChannels) {
    this(
        lrG,
        lrD,
        beta1,
        beta2,
        latentDim,
        batchSize,
        steps,
        gWidth,
        dWidth,
        loss,
        gpWeight,
        r1Gamma,
        emaDecay,
        r2Gamma,
        blocksPerStage,
        groupChannels,
        0,
        0,
        0,
        1,
        0,
        STYLEGAN2_PL_INTERVAL);
  }

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
        DEFAULTS.emaDecay,
        DEFAULTS.r2Gamma,
        DEFAULTS.blocksPerStage,
        DEFAULTS.groupChannels,
        DEFAULTS.wDim,
        DEFAULTS.mappingLayers,
        DEFAULTS.styleMixing,
        DEFAULTS.r1Interval,
        DEFAULTS.plWeight,
        DEFAULTS.plInterval);
  }

  /** A copy with other values for the new knobs, for code and tests that build specs by hand. */
  public Hyperparams with(LossKind loss, double gpWeight, double r1Gamma, double emaDecay) {
    return new Hyperparams(
        lrG,
        lrD,
        beta1,
        beta2,
        latentDim,
        batchSize,
        steps,
        gWidth,
        dWidth,
        loss,
        gpWeight,
        r1Gamma,
        emaDecay,
        r2Gamma,
        blocksPerStage,
        groupChannels,
        wDim,
        mappingLayers,
        styleMixing,
        r1Interval,
        plWeight,
        plInterval);
  }

  /** A copy with other learning rates. */
  public Hyperparams withLearningRates(double lrG, double lrD) {
    return new Hyperparams(
        lrG,
        lrD,
        beta1,
        beta2,
        latentDim,
        batchSize,
        steps,
        gWidth,
        dWidth,
        loss,
        gpWeight,
        r1Gamma,
        emaDecay,
        r2Gamma,
        blocksPerStage,
        groupChannels,
        wDim,
        mappingLayers,
        styleMixing,
        r1Interval,
        plWeight,
        plInterval);
  }

  /** A copy with other penalty weights. */
  public Hyperparams withPenalties(double r1Gamma, double r2Gamma) {
    return new Hyperparams(
        lrG,
        lrD,
        beta1,
        beta2,
        latentDim,
        batchSize,
        steps,
        gWidth,
        dWidth,
        loss,
        gpWeight,
        r1Gamma,
        emaDecay,
        r2Gamma,
        blocksPerStage,
        groupChannels,
        wDim,
        mappingLayers,
        styleMixing,
        r1Interval,
        plWeight,
        plInterval);
  }

  /** A copy with other Adam betas. */
  public Hyperparams withBetas(double beta1, double beta2) {
    return new Hyperparams(
        lrG,
        lrD,
        beta1,
        beta2,
        latentDim,
        batchSize,
        steps,
        gWidth,
        dWidth,
        loss,
        gpWeight,
        r1Gamma,
        emaDecay,
        r2Gamma,
        blocksPerStage,
        groupChannels,
        wDim,
        mappingLayers,
        styleMixing,
        r1Interval,
        plWeight,
        plInterval);
  }

  /** A copy with r3gan's shape: residual blocks per resolution, channels per group. */
  public Hyperparams withR3ganShape(int blocksPerStage, int groupChannels) {
    return new Hyperparams(
        lrG,
        lrD,
        beta1,
        beta2,
        latentDim,
        batchSize,
        steps,
        gWidth,
        dWidth,
        loss,
        gpWeight,
        r1Gamma,
        emaDecay,
        r2Gamma,
        blocksPerStage,
        groupChannels,
        wDim,
        mappingLayers,
        styleMixing,
        r1Interval,
        plWeight,
        plInterval);
  }

  /** A copy with stylegan2's knobs. */
  public Hyperparams withStyleGan2(
      int wDim, int mappingLayers, double styleMixing, int r1Interval) {
    return new Hyperparams(
        lrG,
        lrD,
        beta1,
        beta2,
        latentDim,
        batchSize,
        steps,
        gWidth,
        dWidth,
        loss,
        gpWeight,
        r1Gamma,
        emaDecay,
        r2Gamma,
        blocksPerStage,
        groupChannels,
        wDim,
        mappingLayers,
        styleMixing,
        r1Interval,
        plWeight,
        plInterval);
  }

  /** A copy with stylegan2's path-length regularisation: weight (0 = off) and interval. */
  public Hyperparams withPathLength(double plWeight, int plInterval) {
    return new Hyperparams(
        lrG,
        lrD,
        beta1,
        beta2,
        latentDim,
        batchSize,
        steps,
        gWidth,
        dWidth,
        loss,
        gpWeight,
        r1Gamma,
        emaDecay,
        r2Gamma,
        blocksPerStage,
        groupChannels,
        wDim,
        mappingLayers,
        styleMixing,
        r1Interval,
        plWeight,
        plInterval);
  }

  /** Whether the discriminator is trained with a penalty on its input gradient. */
  public boolean gradientPenalty() {
    return loss == LossKind.WGAN_GP || r1Gamma > 0 || r2Gamma > 0;
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
    // Only where they apply, so the params (and checkpoint identities) of the other trials stay
    // what they were before these knobs existed.
    if (loss == LossKind.RPGAN || r2Gamma > 0) {
      m.put("r2_gamma", r2Gamma);
    }
    if (blocksPerStage > 0) {
      m.put("blocks_per_stage", blocksPerStage);
      m.put("group_channels", groupChannels);
    }
    if (wDim > 0) {
      m.put("w_dim", wDim);
      m.put("mapping_layers", mappingLayers);
      m.put("style_mixing", styleMixing);
    }
    if (r1Interval != 1) {
      m.put("r1_interval", r1Interval);
    }
    if (plWeight > 0) {
      m.put("pl_weight", plWeight);
      m.put("pl_interval", plInterval);
    }
    return m;
  }
}
