package dev.atelier.trainers.train;

import java.util.Random;

/**
 * The training loop's noise: standard-normal values from java.util.Random, which gives the same
 * stream on every JVM, so a resumed step draws what the first attempt drew. Probe latents, which
 * must match across latent sizes, come from {@link ProbeLatents} instead.
 */
final class Latents {
  private Latents() {}

  static void fill(Random random, float[] z) {
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) random.nextGaussian();
    }
  }
}
