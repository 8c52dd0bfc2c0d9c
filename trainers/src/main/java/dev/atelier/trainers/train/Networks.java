package dev.atelier.trainers.train;

import ai.djl.ndarray.types.Shape;
import dev.atelier.trainers.model.Dcgan;
import dev.atelier.trainers.spec.Hyperparams;
import dev.atelier.trainers.spec.TrialSpec;
import java.util.Optional;

/**
 * The networks of one run: G, D, and G's weight average when {@code ema_decay} > 0. D drops
 * BatchNorm when a gradient penalty is on (see {@link
 * Dcgan#discriminator(dev.atelier.trainers.spec.ModelKind, int, boolean)}).
 */
record Networks(Network g, Network d, Optional<Network> ema) implements AutoCloseable {
  /** The generator that draws samples and is exported: the weight average when there is one. */
  Network exported() {
    return ema.orElse(g);
  }

  static Networks create(TrialSpec spec) {
    Hyperparams hp = spec.hyperparams();
    int size = spec.dataset().imageSize();
    Network g =
        Network.create(
            "generator",
            Dcgan.generator(spec.model(), hp.latentDim(), hp.gWidth()),
            new Shape(hp.batchSize(), hp.latentDim()));
    Network d =
        Network.create(
            "discriminator",
            Dcgan.discriminator(spec.model(), hp.dWidth(), !hp.gradientPenalty()),
            new Shape(hp.batchSize(), 3, size, size));
    Optional<Network> ema =
        hp.emaDecay() > 0
            ? Optional.of(
                Network.create(
                    "generator_ema",
                    Dcgan.generator(spec.model(), hp.latentDim(), hp.gWidth()),
                    new Shape(hp.batchSize(), hp.latentDim())))
            : Optional.empty();
    return new Networks(g, d, ema);
  }

  @Override
  public void close() {
    g.close();
    d.close();
    ema.ifPresent(Network::close);
  }
}
