package dev.atelier.trainers.quality;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * Kernel Inception Distance (Binkowski et al. 2018): the unbiased estimate of the squared maximum
 * mean discrepancy between generated and real features with the cubic polynomial kernel k(x, y) =
 * (x.y / d + 1)^3, averaged over random subsets of {@code subsetSize} (capped at the smaller set)
 * drawn without replacement. Unlike FD it has an unbiased estimator, so values from different
 * sample counts compare, and it can be slightly negative when the two sets are alike.
 *
 * <p>Subsets come from fixed seeds, so two steps (or two trials) are measured on the same real
 * subsets; the real-real kernel sums are computed once and reused.
 */
public final class Kid {
  public static final int DEFAULT_SUBSETS = 100;
  public static final int DEFAULT_SUBSET_SIZE = 1000;

  /** The mean over subsets (the metric) and the spread of the subset values. */
  public record Estimate(double mean, double std, int subsets, int subsetSize) {}

  private final DMatrixRMaj real;
  private final int subsets;
  private final int subsetSize;
  private final long seed;
  private int cachedSize = -1;
  private int[][] realSubsets;
  private double[] realTerms;

  public Kid(FeatureMatrix real, int subsets, int subsetSize, long seed) {
    if (subsets < 1) {
      throw new IllegalArgumentException("kid_subsets: " + subsets + " must be >= 1");
    }
    if (subsetSize < 2) {
      throw new IllegalArgumentException("kid_subset_size: " + subsetSize + " must be >= 2");
    }
    if (real.rows() < 2) {
      throw new IllegalArgumentException("real features: " + real.rows() + " rows, need >= 2");
    }
    this.real = toDouble(real);
    this.subsets = subsets;
    this.subsetSize = subsetSize;
    this.seed = seed;
  }

  public Estimate distance(FeatureMatrix fake) {
    return estimate(fake, false);
  }

  /**
   * For sets whose rows are pairs (fake row i made from real row i, as an SR output from its ground
   * truth): both sides of a subset take the same rows, and the cross term leaves out the pairs
   * themselves — the U-statistic MMD^2_u (Gretton et al. 2012, eq. 3), unbiased when the pairs are
   * independent of each other. {@link #distance} would count each output against its own ground
   * truth and come out well below 0 for a good model.
   */
  public Estimate pairedDistance(FeatureMatrix fake) {
    if (fake.rows() != real.numRows) {
      throw new IllegalArgumentException(
          "features: " + fake.rows() + " outputs for " + real.numRows + " paired real rows");
    }
    return estimate(fake, true);
  }

  private Estimate estimate(FeatureMatrix fake, boolean paired) {
    int d = real.numCols;
    if (fake.dim() != d) {
      throw new IllegalArgumentException("features: fake have " + fake.dim() + " dims, real " + d);
    }
    int m = Math.min(subsetSize, Math.min(fake.rows(), real.numRows));
    if (m < 2) {
      throw new IllegalArgumentException("fake features: " + fake.rows() + " rows, need >= 2");
    }
    prepareReal(m);
    DMatrixRMaj f = toDouble(fake);
    DMatrixRMaj kff = kernel(f, f);
    DMatrixRMaj kfr = kernel(f, real);
    Random r = new Random(seed + 1);
    double sum = 0;
    double sumSq = 0;
    for (int s = 0; s < subsets; s++) {
      int[] ry = realSubsets[s];
      int[] fx = paired ? ry : choose(r, fake.rows(), m);
      double xx = 0;
      double xy = 0;
      for (int i = 0; i < m; i++) {
        int row = fx[i] * kff.numCols;
        for (int j = 0; j < m; j++) {
          if (i != j) {
            xx += kff.data[row + fx[j]];
          }
        }
        int rowR = fx[i] * kfr.numCols;
        for (int j = 0; j < m; j++) {
          if (!paired || i != j) {
            xy += kfr.data[rowR + ry[j]];
          }
        }
      }
      double pairs = paired ? (double) m * (m - 1) : (double) m * m;
      double mmd = (xx + realTerms[s]) / ((double) m * (m - 1)) - 2 * xy / pairs;
      sum += mmd;
      sumSq += mmd * mmd;
    }
    double mean = sum / subsets;
    double var = Math.max(0, sumSq / subsets - mean * mean);
    return new Estimate(mean, Math.sqrt(var), subsets, m);
  }

  /** Fixed real subsets and their off-diagonal kernel sums, once per subset size. */
  private void prepareReal(int m) {
    if (m == cachedSize) {
      return;
    }
    Random r = new Random(seed);
    realSubsets = new int[subsets][];
    realTerms = new double[subsets];
    DMatrixRMaj y = new DMatrixRMaj(m, real.numCols);
    for (int s = 0; s < subsets; s++) {
      realSubsets[s] = choose(r, real.numRows, m);
      for (int i = 0; i < m; i++) {
        System.arraycopy(
            real.data, realSubsets[s][i] * real.numCols, y.data, i * real.numCols, real.numCols);
      }
      DMatrixRMaj k = kernel(y, y);
      double t = 0;
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < m; j++) {
          if (i != j) {
            t += k.data[i * m + j];
          }
        }
      }
      realTerms[s] = t;
    }
    cachedSize = m;
  }

  /** (a b^T / d + 1)^3, elementwise. */
  static DMatrixRMaj kernel(DMatrixRMaj a, DMatrixRMaj b) {
    DMatrixRMaj k = new DMatrixRMaj(a.numRows, b.numRows);
    Linalg.multTransB(a, b, k);
    double d = a.numCols;
    double[] v = k.data;
    for (int i = 0; i < a.numRows * b.numRows; i++) {
      double t = v[i] / d + 1;
      v[i] = t * t * t;
    }
    return k;
  }

  /** {@code m} distinct indices out of {@code n} (partial Fisher-Yates). */
  static int[] choose(Random r, int n, int m) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    for (int i = 0; i < m; i++) {
      int j = i + r.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    return java.util.Arrays.copyOf(all, m);
  }

  private static DMatrixRMaj toDouble(FeatureMatrix f) {
    DMatrixRMaj m = new DMatrixRMaj(f.rows(), f.dim());
    for (int i = 0; i < f.rows() * f.dim(); i++) {
      m.data[i] = f.data()[i];
    }
    return m;
  }
}
