package dev.atelier.trainers.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {
  @Test
  void oneDimensionIsTheDistanceBetweenMeansPlusBetweenStandardDeviations() {
    // N(1, 4) vs N(4, 9): (1 - 4)^2 + (2 - 3)^2 = 10
    double fd =
        FrechetDistance.between(
            GaussianStats.of(new double[] {1}, new double[][] {{4}}),
            GaussianStats.of(new double[] {4}, new double[][] {{9}}));
    assertEquals(10.0, fd, 1e-12);
  }

  @Test
  void diagonalCovariancesAddUpPerDimension() {
    // sum (dmu)^2 + (sqrt a - sqrt b)^2 = (1 + 0 + 4) + (1 + 1 + 0) = 7
    double fd =
        FrechetDistance.between(
            GaussianStats.of(
                new double[] {0, 1, 2}, new double[][] {{1, 0, 0}, {0, 4, 0}, {0, 0, 9}}),
            GaussianStats.of(
                new double[] {1, 1, 0}, new double[][] {{4, 0, 0}, {0, 1, 0}, {0, 0, 9}}));
    assertEquals(7.0, fd, 1e-12);
  }

  @Test
  void twoDimensionsWithCovariancesThatDoNotCommuteMatchTheHandComputedValue() {
    // For 2x2 S1 S2 with eigenvalues l1, l2 > 0: Tr((S1 S2)^1/2) = sqrt(l1) + sqrt(l2)
    // = sqrt(Tr(S1 S2) + 2 sqrt(det S1 det S2)). S1 = [[2, 1], [1, 2]], S2 = diag(1, 4):
    // Tr(S1 S2) = 2 + 8 = 10, det S1 = 3, det S2 = 4, so Tr sqrt = sqrt(10 + 2 sqrt 12).
    // Means (0, 0) vs (1, 2) add 5; traces add 4 + 5.
    double expected = 5 + 4 + 5 - 2 * Math.sqrt(10 + 2 * Math.sqrt(12));
    double fd =
        FrechetDistance.between(
            GaussianStats.of(new double[] {0, 0}, new double[][] {{2, 1}, {1, 2}}),
            GaussianStats.of(new double[] {1, 2}, new double[][] {{1, 0}, {0, 4}}));
    assertEquals(expected, fd, 1e-12);
    assertEquals(5.771220, fd, 1e-6);
  }

  @Test
  void fiveDimensionsMatchNumpysValueFromTheNonSymmetricRoute() {
    JsonNode f = QualityFixtures.expected().get("frechet");
    double fd =
        FrechetDistance.between(
            GaussianStats.of(vector(f.get("mu1")), matrix(f.get("sigma1"))),
            GaussianStats.of(vector(f.get("mu2")), matrix(f.get("sigma2"))));
    assertEquals(f.get("fd").asDouble(), fd, 1e-9 * Math.max(1, fd));
  }

  @Test
  void fewerSamplesThanDimensionsGiveTheSameDistanceAsTheFullCovarianceRoute() {
    Random r = new Random(3);
    FeatureMatrix real = correlated(r, 400, 40, 0);
    FeatureMatrix fake = correlated(r, 25, 40, 0.3); // 25 < 40: the small n x n route
    FrechetDistance fd = new FrechetDistance(GaussianStats.of(real));
    double full = FrechetDistance.between(GaussianStats.of(real), GaussianStats.of(fake));
    // The full route takes square roots of the 15 eigenvalues that are zero in exact arithmetic
    // but ~1e-14 after round-off (each adds ~1e-7); the small route never sees them.
    assertEquals(full, fd.to(fake), 1e-7 * full);
    FeatureMatrix many = correlated(r, 300, 40, 0.3); // 300 > 40: the d x d route
    double fullMany = FrechetDistance.between(GaussianStats.of(real), GaussianStats.of(many));
    assertEquals(fullMany, fd.to(many), 1e-9 * fullMany);
  }

  @Test
  void samplesFromTheReferenceAreCloserThanShiftedOnesAndTheReferenceItselfIsAtZero() {
    Random r = new Random(5);
    FeatureMatrix real = correlated(r, 2000, 8, 0);
    FrechetDistance fd = new FrechetDistance(GaussianStats.of(real));
    double same = fd.to(correlated(r, 2000, 8, 0));
    double shifted = fd.to(correlated(r, 2000, 8, 0.5));
    assertTrue(same < 0.1, "same distribution (estimator bias only): " + same);
    assertTrue(shifted > 8 * 0.25 * 0.9, "mean shifted by 0.5 in 8 dims: " + shifted);
    assertEquals(0.0, fd.to(real), 1e-9);
  }

  /** Rows x = A z + shift with a fixed mixing matrix A, so the covariance is full. */
  static FeatureMatrix correlated(Random r, int n, int d, double shift) {
    Random fixed = new Random(99);
    double[][] a = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        a[i][j] = (i == j ? 1 : 0) + 0.3 * fixed.nextGaussian();
      }
    }
    float[] data = new float[n * d];
    double[] z = new double[d];
    for (int k = 0; k < n; k++) {
      for (int j = 0; j < d; j++) {
        z[j] = r.nextGaussian();
      }
      for (int i = 0; i < d; i++) {
        double s = shift;
        for (int j = 0; j < d; j++) {
          s += a[i][j] * z[j];
        }
        data[k * d + i] = (float) s;
      }
    }
    return new FeatureMatrix(data, n, d);
  }

  private static double[] vector(JsonNode v) {
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.get(i).asDouble();
    }
    return out;
  }

  private static double[][] matrix(JsonNode m) {
    double[][] out = new double[m.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = vector(m.get(i));
    }
    return out;
  }
}
