package dev.atelier.trainers.train;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Draws images with a generator in inference mode: the trial's exported one (the weight average
 * when there is one) at a sample step, or one loaded from a checkpoint. The one interface the
 * sample hooks and the quality metrics see. Calls may come only from the thread that was handed the
 * generator (the training thread during training).
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

  /**
   * A conditional generator's classes, label i being the i-th name; empty for an unconditional one.
   * A conditional generator's {@link #generate(float[], int)} gives image i class i mod classes.
   */
  default List<String> classNames() {
    return List.of();
  }

  /**
   * Images of chosen classes, for a conditional generator ({@link #classNames()} not empty).
   *
   * @param labels one class index per image
   */
  default float[] generate(float[] latents, int[] labels, int count) {
    throw new UnsupportedOperationException("an unconditional generator takes no class labels");
  }

  /** A generator made of a drawing function, e.g. a stand-in in a test or a benchmark. */
  static ImageGenerator of(
      int latentDim, int imageSize, BiFunction<float[], Integer, float[]> draw) {
    return new ImageGenerator() {
      @Override
      public int latentDim() {
        return latentDim;
      }

      @Override
      public int imageSize() {
        return imageSize;
      }

      @Override
      public float[] generate(float[] latents, int count) {
        return draw.apply(latents, count);
      }
    };
  }
}
