package dev.atelier.trainers.quality;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The few EJML calls the metrics share: products that go multi-threaded when they are large enough
 * to repay it, and symmetric eigenvalue routines that tolerate round-off below zero.
 */
final class Linalg {
  /** Below this many multiply-adds the threading overhead outweighs the gain. */
  private static final long PARALLEL_WORK = 1L << 24;

  private Linalg() {}

  /** c = a^T b. */
  static void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
    if ((long) a.numRows * a.numCols * b.numCols > PARALLEL_WORK) {
      CommonOps_MT_DDRM.multTransA(a, b, c);
    } else {
      CommonOps_DDRM.multTransA(a, b, c);
    }
  }

  /** c = a b^T. */
  static void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
    if ((long) a.numRows * a.numCols * b.numRows > PARALLEL_WORK) {
      CommonOps_MT_DDRM.multTransB(a, b, c);
    } else {
      CommonOps_DDRM.multTransB(a, b, c);
    }
  }

  /** c = a b. */
  static void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
    if ((long) a.numRows * a.numCols * b.numCols > PARALLEL_WORK) {
      CommonOps_MT_DDRM.mult(a, b, c);
    } else {
      CommonOps_DDRM.mult(a, b, c);
    }
  }

  /** Eigenvalues of a symmetric matrix (which is left untouched). */
  static double[] symmetricEigenvalues(DMatrixRMaj s) {
    Eigen e = decompose(s, false);
    double[] values = new double[s.numRows];
    for (int i = 0; i < values.length; i++) {
      values[i] = e.value(i);
    }
    return values;
  }

  /**
   * The symmetric square root V sqrt(L) V^T of a positive semi-definite matrix; eigenvalues that
   * round-off pushed below zero count as zero.
   */
  static DMatrixRMaj sqrtPsd(DMatrixRMaj s) {
    int n = s.numRows;
    Eigen e = decompose(s, true);
    EigenDecomposition_F64<DMatrixRMaj> eig = e.eig();
    DMatrixRMaj scaled = new DMatrixRMaj(n, n); // columns: v_i * sqrt(l_i)
    DMatrixRMaj v = new DMatrixRMaj(n, n);
    for (int i = 0; i < n; i++) {
      double root = Math.sqrt(Math.max(0, e.value(i)));
      DMatrixRMaj vec = eig.getEigenVector(i);
      for (int r = 0; r < n; r++) {
        v.unsafe_set(r, i, vec.get(r));
        scaled.unsafe_set(r, i, vec.get(r) * root);
      }
    }
    DMatrixRMaj out = new DMatrixRMaj(n, n);
    multTransB(scaled, v, out);
    symmetrize(out);
    return out;
  }

  /** Sum of square roots of the eigenvalues of a symmetric PSD matrix. */
  static double traceSqrt(DMatrixRMaj s) {
    double t = 0;
    for (double l : symmetricEigenvalues(s)) {
      t += Math.sqrt(Math.max(0, l));
    }
    return t;
  }

  /** (m + m^T) / 2: products that are symmetric in exact arithmetic drift slightly apart. */
  static void symmetrize(DMatrixRMaj m) {
    for (int i = 0; i < m.numRows; i++) {
      for (int j = i + 1; j < m.numCols; j++) {
        double a = (m.unsafe_get(i, j) + m.unsafe_get(j, i)) / 2;
        m.unsafe_set(i, j, a);
        m.unsafe_set(j, i, a);
      }
    }
  }

  /** An eigen-decomposition of {@code s + shift I}: its eigenvalues minus the shift are s's. */
  private record Eigen(EigenDecomposition_F64<DMatrixRMaj> eig, double shift) {
    double value(int i) {
      return eig.getEigenvalue(i).real - shift;
    }
  }

  /**
   * EJML's symmetric QR iteration fails to converge on some exactly low-rank matrices (a rank-one
   * covariance, as a data set of solid-colour images gives). A shift by a multiple of the identity
   * keeps the eigenvectors and moves every eigenvalue by the same amount, and breaks that
   * structure, so the second try decomposes {@code s + shift I} and reports the shift.
   */
  private static Eigen decompose(DMatrixRMaj s, boolean vectors) {
    int n = s.numRows;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, vectors, true);
    if (eig.decompose(s.copy())) {
      return new Eigen(eig, 0);
    }
    double trace = 0;
    for (int i = 0; i < n; i++) {
      trace += Math.abs(s.get(i, i));
    }
    double shift = 1e-12 * Math.max(trace / n, 1e-300);
    DMatrixRMaj shifted = s.copy();
    for (int i = 0; i < n; i++) {
      shifted.add(i, i, shift);
    }
    if (!eig.decompose(shifted)) {
      throw new ArithmeticException("symmetric eigen-decomposition did not converge");
    }
    return new Eigen(eig, shift);
  }
}
