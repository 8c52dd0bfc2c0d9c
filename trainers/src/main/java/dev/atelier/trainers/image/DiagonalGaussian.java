package dev.atelier.trainers.image;

/**
 * Per-dimension mean and variance of images reduced to 8x8 RGB (192 numbers each, values in [0,
 * 1]): the statistics that {@link #frechetDistance} compares.
 */
public record DiagonalGaussian(double[] mean, double[] variance) {
  public static final int CELLS = 8;
  public static final int DIMS = 3 * CELLS * CELLS;

  /** Averages each image's pixels into 8x8 cells; {@code size} must be a multiple of 8. */
  public static DiagonalGaussian of(float[] chw, int offsetImage, int count, int size) {
    int cell = size / CELLS;
    double[] sum = new double[DIMS];
    double[] sumSq = new double[DIMS];
    double[] v = new double[DIMS];
    int len = 3 * size * size;
    for (int k = 0; k < count; k++) {
      java.util.Arrays.fill(v, 0);
      int base = (offsetImage + k) * len;
      for (int c = 0; c < 3; c++) {
        for (int y = 0; y < size; y++) {
          int row = base + c * size * size + y * size;
          int dRow = c * CELLS * CELLS + (y / cell) * CELLS;
          for (int x = 0; x < size; x++) {
            v[dRow + x / cell] += chw[row + x];
          }
        }
      }
      double area = cell * cell;
      for (int d = 0; d < DIMS; d++) {
        double p = (v[d] / area + 1) / 2; // [-1, 1] -> [0, 1]
        sum[d] += p;
        sumSq[d] += p * p;
      }
    }
    double[] mean = new double[DIMS];
    double[] var = new double[DIMS];
    for (int d = 0; d < DIMS; d++) {
      mean[d] = sum[d] / count;
      var[d] = Math.max(0, sumSq[d] / count - mean[d] * mean[d]);
    }
    return new DiagonalGaussian(mean, var);
  }

  /**
   * The Frechet distance between two Gaussians with diagonal covariances: |mu1-mu2|^2 + sum(v1 + v2
   * - 2 sqrt(v1 v2)). Lower means the samples' coarse colour layout is closer to the data's.
   */
  public double frechetDistance(DiagonalGaussian other) {
    double d = 0;
    for (int i = 0; i < DIMS; i++) {
      double dm = mean[i] - other.mean[i];
      double s1 = Math.sqrt(variance[i]);
      double s2 = Math.sqrt(other.variance[i]);
      d += dm * dm + (s1 - s2) * (s1 - s2);
    }
    return d;
  }
}
