package dev.atelier.trainers.quality;

/**
 * The generator as the metrics see it: {@code count} latent vectors packed row by row in, {@code
 * count} NCHW RGB images in [-1, 1] out. The training loop passes its inference-mode generate.
 */
@FunctionalInterface
public interface ImageGenerator {
  float[] generate(float[] latents, int count);
}
