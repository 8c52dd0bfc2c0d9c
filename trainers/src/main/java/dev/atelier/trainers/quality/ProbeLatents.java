package dev.atelier.trainers.quality;

import java.util.Random;

/**
 * Standard-normal latents from java.util.Random(seed), row by row: the same stream the training
 * loop draws its probe grid from (train.Latents), so the novelty rows and the walk's keyframes are
 * the very images of the step's sample grid.
 */
public final class ProbeLatents {
  private ProbeLatents() {}

  public static float[] draw(long seed, int count, int latentDim) {
    Random r = new Random(seed);
    float[] z = new float[count * latentDim];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) r.nextGaussian();
    }
    return z;
  }
}
