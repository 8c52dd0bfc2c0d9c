package dev.atelier.trainers.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.image.SampleGrid;
import dev.atelier.trainers.spec.TrialSpec;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * A sample step: the probe grid (the sweep's fixed latents), then the built-in {@code fd_diag_rgb8}
 * and any other {@link SampleHook}, all drawn by the exported generator in inference mode
 * (BatchNorm uses its running statistics, as a loaded checkpoint would).
 */
final class Sampler implements ImageGenerator {
  /** Latents per forward pass, so a hook asking for thousands of images needs little memory. */
  private static final int CHUNK = 256;

  private final TrialSpec spec;
  private final ImageDataset data;
  private final Network generator;
  private final NDManager root;
  private final SampleHook hooks;

  Sampler(TrialSpec spec, ImageDataset data, Network generator, NDManager root, SampleHook hook) {
    this.spec = spec;
    this.data = data;
    this.generator = generator;
    this.root = root;
    this.hooks = SampleHook.all(List.of(new FdDiagHook(), hook));
  }

  record Sample(byte[] gridPng, SampleOutput output) {}

  Sample sample(int step) throws IOException {
    int count = spec.probe().count();
    float[] probe = generate(Latents.draw(spec.probe().seed(), count, latentDim()), count);
    byte[] grid = SampleGrid.png(probe, count, imageSize());
    return new Sample(grid, hooks.onSample(new SampleContext(step, this, data, spec)));
  }

  @Override
  public int latentDim() {
    return spec.hyperparams().latentDim();
  }

  @Override
  public int imageSize() {
    return data.size();
  }

  @Override
  public float[] generate(float[] latents, int count) {
    if (latents.length != count * latentDim()) {
      throw new IllegalArgumentException(
          latents.length + " latent values for " + count + " images of latent_dim " + latentDim());
    }
    int len = 3 * imageSize() * imageSize();
    float[] images = new float[count * len];
    for (int from = 0; from < count; from += CHUNK) {
      int n = Math.min(CHUNK, count - from);
      try (NDManager sm = root.newSubManager()) {
        float[] chunk = Arrays.copyOfRange(latents, from * latentDim(), (from + n) * latentDim());
        NDArray z = sm.create(chunk, new Shape(n, latentDim()));
        NDArray out =
            generator
                .block
                .forward(new ParameterStore(sm, false), new NDList(z), false)
                .singletonOrThrow();
        System.arraycopy(out.toFloatArray(), 0, images, from * len, n * len);
      }
    }
    return images;
  }
}
