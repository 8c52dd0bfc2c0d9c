package dev.atelier.trainers.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.atelier.trainers.model.Dcgan;
import dev.atelier.trainers.model.GrowthStage;
import dev.atelier.trainers.model.ProGanDiscriminator;
import dev.atelier.trainers.model.ProGanGenerator;
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
    Shape[] gIn =
        k > 0
            ? new Shape[] {new Shape(hp.batchSize(), hp.latentDim()), new Shape(hp.batchSize(), k)}
            : new Shape[] {new Shape(hp.batchSize(), hp.latentDim())};
    Network g = Network.create("generator", generator(spec, growth), gIn);
    Block dBlock =
        growth.isPresent()
            ? new ProGanDiscriminator(
                hp.dWidth(), size, spec.progressive().orElseThrow().startSize(), growth.get())
            : Dcgan.discriminator(kind, hp.dWidth(), !hp.gradientPenalty());
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
    ModelKind kind = spec.model();
    if (growth.isPresent()) {
      return new ProGanGenerator(
          hp.latentDim(),
          hp.gWidth(),
          spec.dataset().imageSize(),
          spec.progressive().orElseThrow().startSize(),
          growth.get());
    }
    return kind.conditional()
        ? Dcgan.conditionalGenerator(kind, hp.latentDim(), hp.gWidth())
        : Dcgan.generator(kind, hp.latentDim(), hp.gWidth());
  }

  @Override
  public void close() {
    g.close();
    d.close();
    ema.ifPresent(Network::close);
  }
}
