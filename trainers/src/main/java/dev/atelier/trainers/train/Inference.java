package dev.atelier.trainers.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.atelier.trainers.model.NearestUpsample;
import java.util.Arrays;

/**
 * A generator's forward pass in inference mode (BatchNorm on its running statistics, no gradient),
 * in chunks of {@value #CHUNK} latents, each inside a sub-manager closed before the next: asking
 * for thousands of images costs little native memory. The blocks see the parameters as views owned
 * by that sub-manager ({@link StepParameters#frozen}), not as the parameters' own arrays: an
 * operation that starts from a parameter (stylegan2's constant and modulated weights, r3gan's
 * basis) puts its result in its first operand's manager, which for a parameter is the model's, so
 * every sample step kept its whole forward pass until the trial ended ({@code
 * InferenceMemoryTest}). Shared by the sample steps and by a generator loaded from a checkpoint, so
 * both draw the same image from the same latent. A conditional generator takes one class label per
 * latent; a progressively grown one draws at its current resolution, and its images are doubled
 * (nearest neighbour) to {@code size}.
 *
 * <p>Images come out clipped to [-1, 1], as they are seen: the grids and PNGs clip anyway, and the
 * quality metrics measure what a lead looks at. Generators without an output activation (stylegan2,
 * r3gan) draw a little outside the range, and unclipped they scored quite differently (r3gan's
 * fd_rgb8 55.9 unclipped, 28.1 from its PNGs; bench/RESULTS.md, the training-curves section).
 */
final class Inference {
  static final int CHUNK = 256;

  private Inference() {}

  /** An unconditional generator. */
  static float[] generate(
      Network generator, NDManager root, float[] latents, int count, int latentDim, int size) {
    return generate(generator, root, latents, new int[0], 0, count, latentDim, size);
  }

  /**
   * @param labels one class per image when {@code classes} > 0, else ignored
   */
  static float[] generate(
      Network generator,
      NDManager root,
      float[] latents,
      int[] labels,
      int classes,
      int count,
      int latentDim,
      int size) {
    if (latents.length != count * latentDim) {
      throw new IllegalArgumentException(
          latents.length + " latent values for " + count + " images of latent_dim " + latentDim);
    }
    int len = 3 * size * size;
    float[] images = new float[count * len];
    for (int from = 0; from < count; from += CHUNK) {
      int n = Math.min(CHUNK, count - from);
      try (NDManager sm = root.newSubManager()) {
        float[] chunk = Arrays.copyOfRange(latents, from * latentDim, (from + n) * latentDim);
        NDArray z = sm.create(chunk, new Shape(n, latentDim));
        Condition cond =
            classes == 0
                ? Condition.NONE
                : Condition.of(sm, Arrays.copyOfRange(labels, from, from + n), n, classes);
        NDArray out =
            generator
                .block
                .forward(StepParameters.frozen(generator, sm), cond.generatorInput(z), false)
                .singletonOrThrow();
        int factor = size / (int) out.getShape().get(3);
        System.arraycopy(
            NearestUpsample.apply(out.clip(-1, 1), factor).toFloatArray(),
            0,
            images,
            from * len,
            n * len);
      }
    }
    return images;
  }
}
