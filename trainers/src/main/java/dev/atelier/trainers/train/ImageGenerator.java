package dev.atelier.trainers.train;

/**
 * Draws images with the generator the trial exports (the weight average when there is one), in
 * inference mode. Calls may come only from the thread that called the {@link SampleHook}.
 */
public interface ImageGenerator {
  int latentDim();

  /** Side of the square images, in pixels. */
  int imageSize();

  /**
   * @param latents {@code count * latentDim()} values, one latent vector after another
   * @return {@code count} images, NCHW (3 channels), values in [-1, 1]
   */
  float[] generate(float[] latents, int count);
}
