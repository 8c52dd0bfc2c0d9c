package dev.atelier.trainers.train;

import java.util.Random;

/**
 * The one place a probe latent is drawn: the sample grid, the quality metrics' samples, the novelty
 * rows, the latent walk's keyframes and {@code upscale --generator} all come from here.
 *
 * <p>Vector {@code i} of a seed is its own stream ({@code Random} seeded from the seed and {@code
 * i}), of which a generator takes the leading {@code latentDim} coordinates. Two trials of a sweep
 * with latent sizes 32 and 64 therefore share each probe vector's first 32 coordinates, and the
 * first {@code n} vectors of a longer draw are those of a shorter one: the grids of any two trials
 * compare like for like. (Filling {@code count × latentDim} row by row, as before, gave trials of
 * different latent sizes different vectors.) One stream per vector rather than one stream at a
 * fixed maximum size also keeps every latent size the spec allows, up to 4,096, on the same rule.
 */
public final class ProbeLatents {
  /** Recorded on each MLflow run ({@code probe_scheme}) so a page can tell old grids apart. */
  public static final String SCHEME = "per-vector-prefix";

  private ProbeLatents() {}

  /** {@code count} standard-normal vectors of {@code latentDim}, laid out row by row. */
  public static float[] draw(long seed, int count, int latentDim) {
    float[] z = new float[count * latentDim];
    for (int i = 0; i < count; i++) {
      Random vector = new Random(vectorSeed(seed, i));
      for (int j = 0; j < latentDim; j++) {
        z[i * latentDim + j] = (float) vector.nextGaussian();
      }
    }
    return z;
  }

  /**
   * SplitMix64's finaliser over the seed and the vector's index: neighbouring indexes (and
   * neighbouring seeds, like the metrics' {@code probe seed + 1}) get unrelated streams, which
   * {@code new Random(seed + i)} would not quite give.
   */
  static long vectorSeed(long seed, int index) {
    long z = seed * 0x9E3779B97F4A7C15L + (index + 1) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
