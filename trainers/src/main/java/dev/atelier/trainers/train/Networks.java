package dev.atelier.trainers.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.atelier.trainers.model.Dcgan;
import dev.atelier.trainers.model.GrowthStage;
import dev.atelier.trainers.model.ProGanDiscriminator;
import dev.atelier.trainers.model.ProGanGenerator;
import dev.atelier.trainers.model.R3ganDiscriminator;
import dev.atelier.trainers.model.R3ganGenerator;
import dev.atelier.trainers.model.R3ganShape;
import dev.atelier.trainers.model.StyleGan2Discriminator;
import dev.atelier.trainers.model.StyleGan2Generator;
import dev.atelier.trainers.model.StyleGan2Shape;
import dev.atelier.trainers.spec.Hyperparams;
import dev.atelier.trainers.spec.ModelKind;
import dev.atelier.trainers.spec.TrialSpec;
import java.util.List;
import java.util.Optional;

/**
 * The networks of one run: G, D, and G's weight average when {@code ema_decay} > 0. D drops
 * BatchNorm when a gradient penalty is on (see {@link
 * Dcgan#discriminator(dev.atelier.trainers.spec.ModelKind, int, boolean)}).
 *
 * @param classes a conditional model's class names (label i is classes[i]); empty otherwise
 * @param growth the stage that a progressively grown G, its average and D share; empty otherwise
 */
record Networks(
    Network g, Network d, Optional<Network> ema, List<String> classes, Optional<GrowthStage> growth)
    implements AutoCloseable {
  /** The generator that draws samples and is exported: the weight average when there is one. */
  Network exported() {
    return ema.orElse(g);
  }

  /**
   * @param classes the data set's class names, for a conditional model
   */
  static Networks create(TrialSpec spec, List<String> classes) {
    Hyperparams hp = spec.hyperparams();
    ModelKind kind = spec.model();
    int size = spec.dataset().imageSize();
    int k = kind.conditional() ? classes.size() : 0;
    Optional<GrowthStage> growth =
        kind.progressive() ? Optional.of(new GrowthStage()) : Optional.empty();
    Shape[] gIn = generatorInputs(hp.batchSize(), hp.latentDim(), k);
    Network g = Network.create("generator", generator(spec, growth), gIn);
    if (g.block instanceof StyleGan2Generator sg) {
      sg.styleMixing(hp.styleMixing());
    }
    Block dBlock;
    if (growth.isPresent()) {
      dBlock =
          new ProGanDiscriminator(
              hp.dWidth(), size, spec.progressive().orElseThrow().startSize(), growth.get());
    } else if (kind == ModelKind.STYLEGAN2) {
      dBlock = new StyleGan2Discriminator(new StyleGan2Shape(hp.dWidth(), size));
    } else if (kind == ModelKind.R3GAN) {
      dBlock =
          new R3ganDiscriminator(
              new R3ganShape(hp.dWidth(), size, hp.blocksPerStage(), hp.groupChannels()));
    } else {
      dBlock = Dcgan.discriminator(kind, hp.dWidth(), !hp.gradientPenalty());
    }
    Network d =
        Network.create("discriminator", dBlock, new Shape(hp.batchSize(), 3 + k, size, size));
    Optional<Network> ema =
        hp.emaDecay() > 0
            ? Optional.of(Network.create("generator_ema", generator(spec, growth), gIn))
            : Optional.empty();
    return new Networks(g, d, ema, kind.conditional() ? List.copyOf(classes) : List.of(), growth);
  }

  private static Block generator(TrialSpec spec, Optional<GrowthStage> growth) {
    Hyperparams hp = spec.hyperparams();
    int startSize = spec.progressive().map(p -> p.startSize()).orElse(0);
    return generator(
        spec.model(),
        hp.latentDim(),
        hp.gWidth(),
        spec.dataset().imageSize(),
        startSize,
        growth,
        hp.blocksPerStage(),
        hp.groupChannels(),
        hp.wDim(),
        hp.mappingLayers());
  }

  /**
   * A family's generator block, the one place that chooses it (training and loading a checkpoint's
   * generator both use it): progan's grown one when there is a {@code growth} stage, r3gan's of
   * {@code blocksPerStage} and {@code groupChannels}, stylegan2's of {@code wDim} and {@code
   * mappingLayers}, else the conditional or plain DCGAN's.
   */
  static Block generator(
      ModelKind kind,
      int latentDim,
      int width,
      int imageSize,
      int startSize,
      Optional<GrowthStage> growth,
      int blocksPerStage,
      int groupChannels,
      int wDim,
      int mappingLayers) {
    if (growth.isPresent()) {
      return new ProGanGenerator(latentDim, width, imageSize, startSize, growth.get());
    }
    if (kind == ModelKind.STYLEGAN2) {
      return new StyleGan2Generator(
          latentDim, wDim, mappingLayers, new StyleGan2Shape(width, imageSize));
    }
    if (kind == ModelKind.R3GAN) {
      return new R3ganGenerator(
          latentDim, new R3ganShape(width, imageSize, blocksPerStage, groupChannels));
    }
    return kind.conditional()
        ? Dcgan.conditionalGenerator(kind, latentDim, width)
        : Dcgan.generator(kind, latentDim, width);
  }

  /** G's inputs: latents (batch, latentDim) and, for {@code classes} > 0, one-hot labels. */
  static Shape[] generatorInputs(int batch, int latentDim, int classes) {
    Shape z = new Shape(batch, latentDim);
    return classes > 0 ? new Shape[] {z, new Shape(batch, classes)} : new Shape[] {z};
  }

  @Override
  public void close() {
    g.close();
    d.close();
    ema.ifPresent(Network::close);
  }
}
