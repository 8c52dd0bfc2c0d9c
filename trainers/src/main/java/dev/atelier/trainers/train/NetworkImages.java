package dev.atelier.trainers.train;

import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * An {@link ImageGenerator} over a live generator {@link Network}: the exported one at a sample
 * step, or the evaluator thread's copy of it. Image i of an unconditional call to a conditional
 * generator gets class i mod classes.
 *
 * @param root the manager each call's chunks are sub-managers of; one per thread that draws
 */
record NetworkImages(
    Network generator, NDManager root, List<String> classes, int latentDim, int imageSize)
    implements ImageGenerator {

  @Override
  public float[] generate(float[] latents, int count) {
    int[] labels = new int[count];
    for (int i = 0; i < count && !classes.isEmpty(); i++) {
      labels[i] = i % classes.size();
    }
    return generate(latents, labels, count);
  }

  @Override
  public List<String> classNames() {
    return classes;
  }

  @Override
  public float[] generate(float[] latents, int[] labels, int count) {
    return Inference.generate(
        generator, root, latents, labels, classes.size(), count, latentDim, imageSize);
  }
}
