package dev.atelier.trainers.train;

import ai.djl.ndarray.types.Shape;
import dev.atelier.trainers.model.Dcgan;
import dev.atelier.trainers.spec.Hyperparams;
import dev.atelier.trainers.spec.TrialSpec;

/**
 * The networks of one run. D drops BatchNorm when a gradient penalty is on (see {@link
 * Dcgan#discriminator(dev.atelier.trainers.spec.ModelKind, int, boolean)}).
 */
record Networks(Network g, Network d) implements AutoCloseable {
  static Networks create(TrialSpec spec) {
    Hyperparams hp = spec.hyperparams();
    int size = spec.dataset().imageSize();
    Network g =
        Network.create(
            Checkpoint.GENERATOR,
            Dcgan.generator(spec.model(), hp.latentDim(), hp.gWidth()),
            new Shape(hp.batchSize(), hp.latentDim()));
    Network d =
        Network.create(
            Checkpoint.DISCRIMINATOR,
            Dcgan.discriminator(spec.model(), hp.dWidth(), !hp.gradientPenalty()),
            new Shape(hp.batchSize(), 3, size, size));
    return new Networks(g, d);
  }

  @Override
  public void close() {
    g.close();
    d.close();
  }
}
