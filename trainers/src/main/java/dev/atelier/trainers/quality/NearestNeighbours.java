package dev.atelier.trainers.quality;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.atelier.trainers.train.TrainingDevice;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Each probe's k most cosine-similar rows of a fixed training set. All similarities come from one
 * matrix product, training rows x probes^T in float32 (ranking needs no more), divided by norms
 * computed once in doubles.
 *
 * <p>The product runs in libtorch (already loaded for the generator): with raw 64x64 pixels it is
 * 3,800 x 12,288 x 64 multiply-adds, which took ~4 s per step with EJML's float kernels on the
 * 2-core development machine and ~0.25 s as one BLAS call. The training features live in one direct
 * buffer that the native tensor shares (no second copy); each search works in a sub-manager closed
 * before it returns. Close the index to free the native side.
 */
public final class NearestNeighbours implements AutoCloseable {
  /** Indices into the training set, most similar first, and their cosine similarities. */
  public record Match(int[] indices, double[] similarities) {}

  private final NDManager manager;
  private final NDArray train;
  private final int rows;
  private final int dim;
  private final double[] trainNorms;
  private ByteBuffer probeBuffer;

  public NearestNeighbours(FeatureMatrix train) {
    this.rows = train.rows();
    this.dim = train.dim();
    if ((long) rows * dim * 4 > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "novelty: "
              + rows
              + " training rows of "
              + dim
              + " features exceed one 2 GB buffer; use an extractor or fewer images");
    }
    this.trainNorms = train.norms();
    this.manager = NDManager.newBaseManager(TrainingDevice.get(), "PyTorch");
    try {
      ByteBuffer buf = direct(rows * dim);
      this.train = upload(manager, buf, train);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  public int size() {
    return rows;
  }

  public Match[] search(FeatureMatrix probes, int k) {
    if (probes.dim() != dim) {
      throw new IllegalArgumentException(
          "features: probes have " + probes.dim() + " dims, training set " + dim);
    }
    if (k < 1 || k > rows) {
      throw new IllegalArgumentException(
          "neighbours: " + k + " must be in 1.." + rows + " (the training set's size)");
    }
    int m = probes.rows();
    float[] dots;
    synchronized (this) {
      if (probeBuffer == null || probeBuffer.capacity() < m * dim * 4) {
        probeBuffer = direct(m * dim);
      }
      try (NDManager call = manager.newSubManager()) {
        NDArray p = upload(call, probeBuffer, probes);
        dots = train.matMul(p.transpose()).toFloatArray(); // rows x m
      }
    }
    double[] probeNorms = probes.norms();
    Match[] out = new Match[m];
    for (int i = 0; i < m; i++) {
      out[i] = topK(dots, i, m, probeNorms[i], k);
    }
    return out;
  }

  /** Column {@code column} of the (train x probes) dot products, row stride {@code stride}. */
  private Match topK(float[] dots, int column, int stride, double probeNorm, int k) {
    int[] idx = new int[k];
    double[] sim = new double[k];
    Arrays.fill(sim, Double.NEGATIVE_INFINITY);
    for (int j = 0; j < rows; j++) {
      double denom = probeNorm * trainNorms[j];
      double s = denom == 0 ? 0 : Math.max(-1, Math.min(1, dots[j * stride + column] / denom));
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

  /** The tensor shares {@code buf}'s memory: the buffer must not be refilled while it lives. */
  private static NDArray upload(NDManager m, ByteBuffer buf, FeatureMatrix f) {
    int floats = f.rows() * f.dim();
    buf.clear();
    buf.asFloatBuffer().put(f.data(), 0, floats);
    buf.limit(floats * 4);
    return m.create(buf, new Shape(f.rows(), f.dim()), DataType.FLOAT32);
  }

  private static ByteBuffer direct(int floats) {
    return ByteBuffer.allocateDirect(floats * 4).order(ByteOrder.nativeOrder());
  }

  @Override
  public void close() {
    manager.close();
  }
}
