package dev.atelier.trainers.train;

import dev.atelier.trainers.image.DiagonalGaussian;
import java.util.Map;

/**
 * The built-in quality metric {@code fd_diag_rgb8}: the Frechet distance, with diagonal
 * covariances, between 256 generated images (fixed latents from {@code probe.seed + 1}) and the
 * whole data set, both averaged down to 8x8 RGB. Cheap and needs no downloaded network.
 */
final class FdDiagHook implements SampleHook {
  static final String METRIC = "fd_diag_rgb8";

  /** Generated images the distance is measured on. */
  static final int SAMPLES = 256;

  private DiagonalGaussian realStats;

  @Override
  public SampleOutput onSample(SampleContext c) {
    if (realStats == null) {
      // All of it: a few thousand small images take milliseconds, and a prefix of a sorted
      // folder would be a biased sample.
      realStats = DiagonalGaussian.of(c.data().pixels(), 0, c.data().count(), c.data().size());
    }
    ImageGenerator g = c.generator();
    float[] images =
        g.generate(ProbeLatents.draw(c.spec().probe().seed() + 1, SAMPLES, g.latentDim()), SAMPLES);
    double fd = DiagonalGaussian.of(images, 0, SAMPLES, g.imageSize()).frechetDistance(realStats);
    return SampleOutput.metrics(Map.of(METRIC, fd));
  }
}
