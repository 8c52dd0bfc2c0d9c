package dev.atelier.trainers.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atelier.trainers.model.StyleGan2Discriminator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code hyperparams}: unknown keys are violations, since a typo would silently do nothing.
 */
final class HyperparamsReader {
  static final List<String> FIELDS =
      List.of(
          "lr",
          "lr_g",
          "lr_d",
          "beta1",
          "beta2",
          "latent_dim",
          "batch_size",
          "steps",
          "g_width",
          "d_width",
          "loss",
          "gp_weight",
          "r1_gamma",
          "r2_gamma",
          "ema_decay",
          "blocks_per_stage",
          "group_channels",
          "w_dim",
          "mapping_layers",
          "style_mixing",
          "r1_interval",
          "pl_weight",
          "pl_interval");

  /** The hyperparameters only stylegan2 takes. */
  static final List<String> STYLEGAN2_ONLY =
      List.of("w_dim", "mapping_layers", "style_mixing", "r1_interval", "pl_weight", "pl_interval");

  /** The hyperparameters only r3gan takes. */
  static final List<String> R3GAN_ONLY = List.of("blocks_per_stage", "group_channels");

  private HyperparamsReader() {}

  /**
   * The model's defaults: r3gan trains with {@code rpgan} and Adam's betas (0, 0.99), as R3GAN
   * does, and has its shape knobs; every other model has the spec's plain defaults.
   */
  static Hyperparams defaults(Optional<ModelKind> model) {
    Hyperparams d = Hyperparams.DEFAULTS;
    if (model.isPresent() && model.get() == ModelKind.R3GAN) {
      d =
          d.with(LossKind.RPGAN, d.gpWeight(), Hyperparams.RPGAN_GAMMA, d.emaDecay())
              .withPenalties(Hyperparams.RPGAN_GAMMA, Hyperparams.RPGAN_GAMMA)
              .withBetas(0, 0.99)
              .withR3ganShape(Hyperparams.R3GAN_BLOCKS_PER_STAGE, Hyperparams.R3GAN_GROUP_CHANNELS);
    }
    if (model.isPresent() && model.get() == ModelKind.STYLEGAN2) {
      // StyleGAN2-ADA's small-data configs ("cifar", "auto"): lr 0.0025, Adam (0, 0.99), a
      // 2-layer mapping network, R1 every 16 steps; gamma 0.01 is its 32x32 (CIFAR-10) value.
      d =
          d.withLearningRates(Hyperparams.STYLEGAN2_LR, Hyperparams.STYLEGAN2_LR)
              .withBetas(0, 0.99)
              .withPenalties(Hyperparams.STYLEGAN2_R1_GAMMA, 0)
              .withStyleGan2(
                  d.latentDim(),
                  Hyperparams.STYLEGAN2_MAPPING_LAYERS,
                  Hyperparams.STYLEGAN2_STYLE_MIXING,
                  Hyperparams.STYLEGAN2_R1_INTERVAL);
    }
    return d;
  }

  static Hyperparams read(
      JsonNode root, Optional<ModelKind> model, List<String> violations, List<String> warnings) {
    Optional<JsonNode> node = Fields.object(root, "hyperparams", false, violations);
    Hyperparams d = defaults(model);
    if (node.isEmpty()) {
      return d;
    }
    onlyKnown(node.get(), FIELDS, "is not a known hyperparameter", violations);
    Fields f = new Fields(node.get(), "hyperparams", violations);
    double lr = f.number("lr", d.lrG(), 0, true, 1);
    double lrG = learningRate(f, "lr_g", lr);
    double lrD = learningRate(f, "lr_d", lr);
    double beta1 = f.fraction("beta1", d.beta1());
    double beta2 = f.fraction("beta2", d.beta2());
    int latentDim = (int) f.integer("latent_dim", d.latentDim(), 1, 4096);
    int batchSize = (int) f.integer("batch_size", d.batchSize(), 1, 4096);
    int steps = (int) f.integer("steps", d.steps(), 1, 100_000_000);
    int gWidth = (int) f.integer("g_width", d.gWidth(), 1, 1024);
    int dWidth = (int) f.integer("d_width", d.dWidth(), 1, 1024);
    LossKind loss =
        f.oneOf("loss", LossKind.specNames()).flatMap(LossKind::bySpecName).orElse(d.loss());
    double gpWeight = f.number("gp_weight", d.gpWeight(), 0, true, 10_000);
    if (f.node("gp_weight").isPresent() && loss != LossKind.WGAN_GP) {
      warnings.add(
          "hyperparams.gp_weight: "
              + f.node("gp_weight").get()
              + " has no effect unless loss is \"wgan_gp\"");
    }
    // rpgan is R3GAN's loss with both penalties on by default (without them it is the unstable
    // baseline of the paper); progan can take no penalty, so its rpgan defaults to none.
    boolean penalised = loss == LossKind.RPGAN && !(model.isPresent() && model.get().progressive());
    boolean stylegan2 = model.isPresent() && model.get() == ModelKind.STYLEGAN2;
    double r1Default = penalised ? Hyperparams.RPGAN_GAMMA : stylegan2 ? d.r1Gamma() : 0;
    double r1Gamma = f.number("r1_gamma", r1Default, 0, false, 10_000);
    // One gamma for both sides, as R3GAN has, unless r2_gamma says otherwise.
    double r2Gamma = f.number("r2_gamma", penalised ? r1Gamma : 0, 0, false, 10_000);
    double emaDecay = emaDecay(f, d.emaDecay());
    boolean r3gan = model.isPresent() && model.get() == ModelKind.R3GAN;
    int blocks = 0;
    int groupChannels = 0;
    if (r3gan) {
      blocks = (int) f.integer("blocks_per_stage", d.blocksPerStage(), 1, 16);
      groupChannels = (int) f.integer("group_channels", d.groupChannels(), 1, 1024);
    } else if (model.isPresent()) {
      for (String name : R3GAN_ONLY) {
        f.node(name)
            .ifPresent(
                v ->
                    f.violation(
                        name,
                        v
                            + " applies only to model r3gan, not \""
                            + model.get().specName()
                            + "\""));
      }
    }
    int wDim = 0;
    int mappingLayers = 0;
    double styleMixing = 0;
    int r1Interval = 1;
    double plWeight = 0;
    int plInterval = d.plInterval();
    if (stylegan2) {
      wDim = (int) f.integer("w_dim", latentDim, 1, 4096);
      mappingLayers = (int) f.integer("mapping_layers", d.mappingLayers(), 1, 16);
      styleMixing = f.number("style_mixing", d.styleMixing(), 0, false, 1);
      r1Interval = (int) f.integer("r1_interval", d.r1Interval(), 1, 1024);
      plWeight = f.number("pl_weight", d.plWeight(), 0, false, 10_000);
      plInterval = (int) f.integer("pl_interval", d.plInterval(), 1, 1024);
      if (f.node("pl_interval").isPresent() && plWeight == 0) {
        warnings.add(
            "hyperparams.pl_interval: "
                + f.node("pl_interval").get()
                + " has no effect unless hyperparams.pl_weight is > 0 (path-length"
                + " regularisation is off by default)");
      }
      if (batchSize > StyleGan2Discriminator.MBSTD_GROUP
          && batchSize % StyleGan2Discriminator.MBSTD_GROUP != 0) {
        f.violation(
            "batch_size",
            batchSize
                + " must be a multiple of "
                + StyleGan2Discriminator.MBSTD_GROUP
                + " (or at most "
                + StyleGan2Discriminator.MBSTD_GROUP
                + ") for model stylegan2: its discriminator's minibatch standard deviation"
                + " takes groups of "
                + StyleGan2Discriminator.MBSTD_GROUP);
      }
    } else if (model.isPresent()) {
      onlyFor(f, STYLEGAN2_ONLY, model.get(), "stylegan2");
    }
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
        blocks,
        groupChannels,
        wDim,
        mappingLayers,
        styleMixing,
        r1Interval,
        plWeight,
        plInterval);
  }

  /** A violation per field of {@code names} given for a model other than {@code owner}. */
  private static void onlyFor(Fields f, List<String> names, ModelKind model, String owner) {
    for (String name : names) {
      f.node(name)
          .ifPresent(
              v ->
                  f.violation(
                      name,
                      v
                          + " applies only to model "
                          + owner
                          + ", not \""
                          + model.specName()
                          + "\""));
    }
  }

  /** A violation per key outside {@code fields}: "hyperparams.KEY: {@code rule} [fields]". */
  static void onlyKnown(
      JsonNode hyperparams, List<String> fields, String rule, List<String> violations) {
    for (Iterator<String> it = hyperparams.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!fields.contains(key)) {
        violations.add("hyperparams." + key + ": " + rule + " " + fields);
      }
    }
  }

  /** {@code ema_decay}: >= 0 and < 1, 0 turning the weight average off (GANs and srgan4x). */
  static double emaDecay(Fields f, double fallback) {
    return f.fraction("ema_decay", fallback);
  }

  /**
   * {@code lr_g} or {@code lr_d}: its own value, else the shorthand {@code lr}. Giving both forms
   * with different values is a mistake worth naming rather than silently preferring one.
   */
  static double learningRate(Fields f, String name, double lr) {
    if (f.node(name).isEmpty()) {
      return lr;
    }
    double v = f.number(name, lr, 0, true, 1);
    if (f.node("lr").isPresent() && f.node("lr").get().isNumber() && v != lr) {
      f.violation(
          name,
          f.node(name).get()
              + " conflicts with hyperparams.lr "
              + f.node("lr").get()
              + " (lr sets both networks: give lr, or lr_g and lr_d)");
    }
    return v;
  }
}
