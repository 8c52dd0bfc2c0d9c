package dev.atelier.trainers.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.image.DiagonalGaussian;
import dev.atelier.trainers.image.SampleGrid;
import dev.atelier.trainers.spec.TrialSpec;
import java.nio.FloatBuffer;

/**
 * What a sample step produces: the probe grid (the sweep's fixed latents) and fd_diag_rgb8, both
 * from the generator in inference mode (BatchNorm uses its running statistics, as a loaded
 * checkpoint would).
 */
final class Sampler {
  /** Generated images the Frechet distance is measured on. */
  static final int FD_SAMPLES = 256;

  private final TrialSpec spec;
  private final ImageDataset data;
  private final Network generator;
  private final NDManager root;
  private DiagonalGaussian realStats;

  Sampler(TrialSpec spec, ImageDataset data, Network generator, NDManager root) {
    this.spec = spec;
    this.data = data;
    this.generator = generator;
    this.root = root;
  }

  record Sample(byte[] gridPng, double fdDiagRgb8) {}

  Sample sample() {
    int latentDim = spec.hyperparams().latentDim();
    int count = spec.probe().count();
    float[] probe = generate(Latents.draw(spec.probe().seed(), count, latentDim), count);
    float[] fdImages =
        generate(Latents.draw(spec.probe().seed() + 1, FD_SAMPLES, latentDim), FD_SAMPLES);
    if (realStats == null) {
      // All of it: a few thousand small images take milliseconds, and a prefix of a sorted
      // folder would be a biased sample.
      realStats = DiagonalGaussian.of(data.pixels(), 0, data.count(), data.size());
    }
    double fd =
        DiagonalGaussian.of(fdImages, 0, FD_SAMPLES, data.size()).frechetDistance(realStats);
    return new Sample(SampleGrid.png(probe, count, data.size()), fd);
  }

  /** (count, latent_dim) latents in, (count, 3, size, size) images in [-1, 1] out. */
  float[] generate(float[] latents, int count) {
    try (NDManager sm = root.newSubManager()) {
      NDArray z =
          sm.create(FloatBuffer.wrap(latents), new Shape(count, spec.hyperparams().latentDim()));
      NDArray out =
          generator
              .block
              .forward(new ParameterStore(sm, false), new NDList(z), false)
              .singletonOrThrow();
      return out.toFloatArray();
    }
  }
}
