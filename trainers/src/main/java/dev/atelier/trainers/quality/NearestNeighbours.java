package dev.atelier.trainers.quality;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;

/**
 * Each probe's k most cosine-similar rows of a fixed training set. All similarities come from one
 * matrix product (probes x train^T, in floats: ranking needs no more) divided by norms computed
 * once in doubles; the training features are wrapped, not copied, so raw pixels cost no memory.
 */
public final class NearestNeighbours {
  /** Indices into the training set, most similar first, and their cosine similarities. */
  public record Match(int[] indices, double[] similarities) {}

  private final FMatrixRMaj train;
  private final double[] trainNorms;

  public NearestNeighbours(FeatureMatrix train) {
    this.train = wrap(train);
    this.trainNorms = train.norms();
  }

  public int size() {
    return train.numRows;
  }

  public Match[] search(FeatureMatrix probes, int k) {
    if (probes.dim() != train.numCols) {
      throw new IllegalArgumentException(
          "features: probes have " + probes.dim() + " dims, training set " + train.numCols);
    }
    if (k < 1 || k > train.numRows) {
      throw new IllegalArgumentException(
          "neighbours: " + k + " must be in 1.." + train.numRows + " (the training set's size)");
    }
    FMatrixRMaj p = wrap(probes);
    FMatrixRMaj dots = new FMatrixRMaj(p.numRows, train.numRows);
    if ((long) p.numRows * train.numRows * train.numCols > (1L << 24)) {
      CommonOps_MT_FDRM.multTransB(p, train, dots);
    } else {
      CommonOps_FDRM.multTransB(p, train, dots);
    }
    double[] probeNorms = probes.norms();
    Match[] out = new Match[p.numRows];
    for (int i = 0; i < p.numRows; i++) {
      out[i] = topK(dots.data, i * train.numRows, probeNorms[i], k);
    }
    return out;
  }

  private Match topK(float[] dots, int offset, double probeNorm, int k) {
    int[] idx = new int[k];
    double[] sim = new double[k];
    java.util.Arrays.fill(sim, Double.NEGATIVE_INFINITY);
    for (int j = 0; j < train.numRows; j++) {
      double denom = probeNorm * trainNorms[j];
      double s = denom == 0 ? 0 : Math.max(-1, Math.min(1, dots[offset + j] / denom));
      if (s > sim[k - 1]) {
        int pos = k - 1;
        while (pos > 0 && s > sim[pos - 1]) {
          sim[pos] = sim[pos - 1];
          idx[pos] = idx[pos - 1];
          pos--;
        }
        sim[pos] = s;
        idx[pos] = j;
      }
    }
    return new Match(idx, sim);
  }

  private static FMatrixRMaj wrap(FeatureMatrix f) {
    if (f.data().length == f.rows() * f.dim()) {
      return FMatrixRMaj.wrap(f.rows(), f.dim(), f.data());
    }
    return FMatrixRMaj.wrap(
        f.rows(), f.dim(), java.util.Arrays.copyOf(f.data(), f.rows() * f.dim()));
  }
}
