package dev.atelier.trainers.quality;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The Frechet distance between two Gaussians fitted to features, with full covariances: |mu1 -
 * mu2|^2 + Tr(S1 + S2 - 2 (S1 S2)^(1/2)). With Inception-v3 pool3 features this is FID.
 *
 * <p>Tr((S1 S2)^(1/2)) is the sum of the square roots of the eigenvalues of the symmetric PSD
 * matrix sqrt(S1) S2 sqrt(S1), which has the same eigenvalues as S1 S2 but, unlike it, can be
 * decomposed with a stable symmetric solver. An instance holds the reference (real) statistics and
 * measures samples against them; when there are fewer samples than dimensions (256 samples vs 2048
 * Inception features) it uses the equal, much smaller problem: the nonzero eigenvalues of sqrt(S1)
 * Xc^T Xc sqrt(S1) / (n - 1) are those of the n x n matrix Xc S1 Xc^T / (n - 1), Xc the centred
 * samples, so no d x d decomposition is needed per step.
 */
public final class FrechetDistance {
  private final GaussianStats reference;
  private DMatrixRMaj sqrtReference;

  public FrechetDistance(GaussianStats reference) {
    this.reference = reference;
  }

  public GaussianStats reference() {
    return reference;
  }

  /** The distance between {@code samples}' Gaussian and the reference. */
  public double to(FeatureMatrix samples) {
    GaussianStats.requireTwo(samples);
    if (samples.dim() != reference.dim()) {
      throw new IllegalArgumentException(
          "features: samples have " + samples.dim() + " dims, the reference " + reference.dim());
    }
    int n = samples.rows();
    double[] mean = GaussianStats.mean(samples);
    if (n - 1 >= reference.dim()) {
      return between(reference, GaussianStats.of(samples), sqrtReference());
    }
    DMatrixRMaj xc = GaussianStats.centered(samples, mean);
    double traceSamples = CommonOps_DDRM.elementSum(elementSquare(xc)) / (n - 1);
    DMatrixRMaj t = new DMatrixRMaj(n, reference.dim());
    Linalg.mult(xc, reference.covariance(), t);
    DMatrixRMaj g = new DMatrixRMaj(n, n);
    Linalg.multTransB(t, xc, g);
    CommonOps_DDRM.divide(g, n - 1);
    Linalg.symmetrize(g);
    return combine(
        reference.mean(),
        mean,
        CommonOps_DDRM.trace(reference.covariance()),
        traceSamples,
        Linalg.traceSqrt(g));
  }

  /** The distance between two Gaussians given by their statistics. */
  public static double between(GaussianStats a, GaussianStats b) {
    return between(a, b, Linalg.sqrtPsd(a.covariance()));
  }

  private static double between(GaussianStats a, GaussianStats b, DMatrixRMaj sqrtA) {
    if (a.dim() != b.dim()) {
      throw new IllegalArgumentException(
          "statistics: " + a.dim() + " dims vs " + b.dim() + " dims");
    }
    int d = a.dim();
    DMatrixRMaj t = new DMatrixRMaj(d, d);
    Linalg.mult(sqrtA, b.covariance(), t);
    DMatrixRMaj m = new DMatrixRMaj(d, d);
    Linalg.mult(t, sqrtA, m);
    Linalg.symmetrize(m);
    return combine(
        a.mean(),
        b.mean(),
        CommonOps_DDRM.trace(a.covariance()),
        CommonOps_DDRM.trace(b.covariance()),
        Linalg.traceSqrt(m));
  }

  private DMatrixRMaj sqrtReference() {
    if (sqrtReference == null) {
      sqrtReference = Linalg.sqrtPsd(reference.covariance());
    }
    return sqrtReference;
  }

  private static double combine(
      double[] mu1, double[] mu2, double trace1, double trace2, double traceSqrtProduct) {
    double meanTerm = 0;
    for (int i = 0; i < mu1.length; i++) {
      double dm = mu1[i] - mu2[i];
      meanTerm += dm * dm;
    }
    // Exactly >= 0; round-off can leave -1e-12 for identical inputs.
    return Math.max(0, meanTerm + trace1 + trace2 - 2 * traceSqrtProduct);
  }

  private static DMatrixRMaj elementSquare(DMatrixRMaj m) {
    DMatrixRMaj sq = m.copy();
    CommonOps_DDRM.elementMult(sq, m);
    return sq;
  }
}
