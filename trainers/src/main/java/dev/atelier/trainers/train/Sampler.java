package dev.atelier.trainers.train;

import ai.djl.ndarray.NDManager;
import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.image.SampleGrid;
import dev.atelier.trainers.spec.TrialSpec;
import java.io.IOException;
import java.util.List;

/**
 * A sample step: the probe grid (the sweep's fixed latents), then the built-in {@code fd_diag_rgb8}
 * and any other {@link SampleHook}, all drawn by the exported generator in inference mode
 * (BatchNorm uses its running statistics, as a loaded checkpoint would).
 */
final class Sampler implements ImageGenerator {
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
    return Inference.generate(generator, root, latents, count, latentDim(), imageSize());
  }
}
