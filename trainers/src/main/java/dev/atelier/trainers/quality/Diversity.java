package dev.atelier.trainers.quality;

/**
 * How different a batch's images are from one another: the mean cosine distance (1 - cosine
 * similarity, in [0, 2]) over all distinct pairs of feature vectors. Cosine rather than L2 because
 * it ignores feature scale, which differs wildly between extractors (and pixels), and it is the
 * same measure the novelty check uses. A row of zeros has no direction and counts as cosine 0
 * (distance 1) to everything.
 *
 * <p>Computed exactly in O(n d): with unit rows u_i, the sum over pairs i != j of u_i.u_j equals
 * |sum u_i|^2 - sum |u_i|^2, so no n x n matrix is formed and the whole real set can be used.
 *
 * <p>Mode collapse shows as samples much less diverse than the data: {@link #verdict} flags it when
 * the samples' diversity is below {@code threshold} times the real data's.
 */
public final class Diversity {
  public static final double DEFAULT_THRESHOLD = 0.5;

  /** The samples' and the data's diversity, and whether the samples count as collapsed. */
  public record Verdict(double samples, double real, double threshold, boolean collapsed) {}

  private Diversity() {}

  public static double meanPairwiseCosineDistance(FeatureMatrix f) {
    int n = f.rows();
    if (n < 2) {
      throw new IllegalArgumentException("features: " + n + " rows; pairs need at least 2");
    }
    int d = f.dim();
    double[] norms = f.norms();
    double[] sum = new double[d];
    double units = 0;
    for (int i = 0; i < n; i++) {
      if (norms[i] == 0) {
        continue;
      }
      units++;
      double inv = 1 / norms[i];
      int base = i * d;
      for (int j = 0; j < d; j++) {
        sum[j] += f.data()[base + j] * inv;
      }
    }
    double sq = 0;
    for (double s : sum) {
      sq += s * s;
    }
    double meanCos = (sq - units) / ((double) n * (n - 1));
    return Math.max(0, 1 - meanCos);
  }

  public static Verdict verdict(double samples, double real, double threshold) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException(
          "collapse_threshold: " + threshold + " must be > 0 and <= 1");
    }
    return new Verdict(samples, real, threshold, samples < threshold * real);
  }
}
