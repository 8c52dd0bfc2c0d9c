package dev.atelier.trainers.sr;

import ai.djl.ndarray.types.Shape;
import dev.atelier.trainers.spec.SrHyperparams;
import dev.atelier.trainers.spec.SrTrialSpec;
import dev.atelier.trainers.train.Network;
import java.util.Optional;

/**
 * The networks of one SR run: G, D, and G's weight average when {@code ema_decay} > 0 (built from
 * the same block, so the average is a complete generator that {@code upscale} loads as is).
 */
record SrNets(Network g, Network d, Optional<Network> ema) implements AutoCloseable {
  /** The generator that draws the probe, PSNR and quality and is exported: the average if any. */
  Network exported() {
    return ema.orElse(g);
  }

  static SrNets create(SrTrialSpec spec) {
    SrHyperparams hp = spec.hyperparams();
    int small = spec.lowResSize();
    int size = spec.dataset().imageSize();
    Shape in = new Shape(1, 3, small, small);
    Network g =
        Network.create("generator", SrNetworks.generator(hp.gWidth(), hp.residualBlocks()), in);
    Network d =
        Network.create(
            "discriminator", SrNetworks.discriminator(hp.dWidth()), new Shape(1, 3, size, size));
    Optional<Network> ema =
        hp.emaDecay() > 0
            ? Optional.of(
                Network.create(
                    "generator_ema", SrNetworks.generator(hp.gWidth(), hp.residualBlocks()), in))
            : Optional.empty();
    return new SrNets(g, d, ema);
  }

  @Override
  public void close() {
    g.close();
    d.close();
    ema.ifPresent(Network::close);
  }
}
