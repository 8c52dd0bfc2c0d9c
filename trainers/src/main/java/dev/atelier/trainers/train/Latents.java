package dev.atelier.trainers.train;

import java.util.Random;

/**
 * Standard-normal latent vectors from java.util.Random, which gives the same stream on every JVM:
 * the probe latents of a sweep are identical in every trial that shares the probe seed.
 */
public final class Latents {
  private Latents() {}

  public static float[] draw(long seed, int count, int latentDim) {
    float[] z = new float[count * latentDim];
    fill(new Random(seed), z);
    return z;
  }

  static void fill(Random random, float[] z) {
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) random.nextGaussian();
    }
  }
}
