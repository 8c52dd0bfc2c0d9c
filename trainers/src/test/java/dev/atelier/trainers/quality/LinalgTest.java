package dev.atelier.trainers.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * A rank-one covariance is what a data set of two solid colours gives; EJML's symmetric QR
 * iteration does not converge on it unshifted, and FD then failed the whole trial.
 */
class LinalgTest {
  private static final int N = 192; // the rgb8 feature space

  /** v v^T with v = (1, -1, -1, 1, -1, -1, ...): eigenvalues |v|^2 = N once, 0 otherwise. */
  private static DMatrixRMaj rankOne() {
    DMatrixRMaj s = new DMatrixRMaj(N, N);
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        s.set(i, j, sign(i) * sign(j));
      }
    }
    return s;
  }

  private static double sign(int i) {
    return i % 3 == 0 ? 1 : -1;
  }

  @Test
  void symmetricEigenvalues_rankOne_theSquaredNormOnceAndZeros() {
    double[] values = Linalg.symmetricEigenvalues(rankOne());
    Arrays.sort(values);

    assertEquals(N, values[N - 1], 1e-6);
    assertEquals(0, values[0], 1e-6);
    assertEquals(0, values[N - 2], 1e-6);
  }

  @Test
  void sqrtPsd_rankOne_isVvTransposeOverTheNorm() {
    DMatrixRMaj root = Linalg.sqrtPsd(rankOne());

    // sqrt(v v^T) = v v^T / |v|, |v| = sqrt(N)
    assertEquals(1 / Math.sqrt(N), root.get(0, 0), 1e-6);
    assertEquals(-1 / Math.sqrt(N), root.get(0, 1), 1e-6);
    assertEquals(1 / Math.sqrt(N), root.get(1, 2), 1e-6);
  }
}
