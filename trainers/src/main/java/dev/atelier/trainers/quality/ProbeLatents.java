package dev.atelier.trainers.quality;

import dev.atelier.trainers.train.Latents;

/**
 * The probe latents: exactly the stream the training loop draws its probe grid from, so the novelty
 * rows and the walk's keyframes are the very images of the step's sample grid.
 */
public final class ProbeLatents {
  private ProbeLatents() {}

  public static float[] draw(long seed, int count, int latentDim) {
    return Latents.draw(seed, count, latentDim);
  }
}
