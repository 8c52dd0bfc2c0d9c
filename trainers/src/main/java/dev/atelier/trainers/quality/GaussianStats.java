package dev.atelier.trainers.quality;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Mean and (unbiased, n - 1) covariance of feature vectors, in doubles: the Gaussian the Frechet
 * distance compares.
 */
public record GaussianStats(double[] mean, DMatrixRMaj covariance, int count) {
  public static GaussianStats of(FeatureMatrix f) {
    requireTwo(f);
    double[] mean = mean(f);
    DMatrixRMaj xc = centered(f, mean);
    DMatrixRMaj cov = new DMatrixRMaj(f.dim(), f.dim());
    Linalg.multTransA(xc, xc, cov);
    CommonOps_DDRM.divide(cov, f.rows() - 1);
    return new GaussianStats(mean, cov, f.rows());
  }

  /** A Gaussian given by its parameters (tests, and callers with stored statistics). */
  public static GaussianStats of(double[] mean, double[][] covariance) {
    return new GaussianStats(mean.clone(), new DMatrixRMaj(covariance), 0);
  }

  public int dim() {
    return mean.length;
  }

  static double[] mean(FeatureMatrix f) {
    double[] mean = new double[f.dim()];
    for (int i = 0; i < f.rows(); i++) {
      int base = i * f.dim();
      for (int j = 0; j < f.dim(); j++) {
        mean[j] += f.data()[base + j];
      }
    }
    for (int j = 0; j < mean.length; j++) {
      mean[j] /= f.rows();
    }
    return mean;
  }

  /** Rows minus the mean, in doubles. */
  static DMatrixRMaj centered(FeatureMatrix f, double[] mean) {
    DMatrixRMaj x = new DMatrixRMaj(f.rows(), f.dim());
    double[] d = x.data;
    for (int i = 0; i < f.rows(); i++) {
      int base = i * f.dim();
      for (int j = 0; j < f.dim(); j++) {
        d[base + j] = f.data()[base + j] - mean[j];
      }
    }
    return x;
  }

  static void requireTwo(FeatureMatrix f) {
    if (f.rows() < 2) {
      throw new IllegalArgumentException(
          "features: " + f.rows() + " rows; a covariance needs at least 2");
    }
  }
}
