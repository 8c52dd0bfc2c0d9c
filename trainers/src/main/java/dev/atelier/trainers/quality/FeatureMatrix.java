package dev.atelier.trainers.quality;

/**
 * Feature vectors as one row-major float array ({@code rows x dim}), the layout matrix products
 * want. Raw pixels are wrapped without a copy: a data set's NCHW array already is this layout.
 */
public record FeatureMatrix(float[] data, int rows, int dim) {
  public FeatureMatrix {
    if (rows < 0 || dim < 1 || data.length < (long) rows * dim) {
      throw new IllegalArgumentException(
          "features: " + data.length + " floats cannot hold " + rows + " rows of " + dim);
    }
  }

  public static FeatureMatrix of(float[][] rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("features: no rows");
    }
    int dim = rows[0].length;
    float[] data = new float[rows.length * dim];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != dim) {
        throw new IllegalArgumentException(
            "features: row " + i + " has " + rows[i].length + " values, row 0 has " + dim);
      }
      System.arraycopy(rows[i], 0, data, i * dim, dim);
    }
    return new FeatureMatrix(data, rows.length, dim);
  }

  /** Images as feature vectors: each image's 3 x size x size values are one row. */
  public static FeatureMatrix pixels(float[] nchw, int count, int size) {
    return new FeatureMatrix(nchw, count, 3 * size * size);
  }

  public float get(int row, int col) {
    return data[row * dim + col];
  }

  /** Euclidean norm of each row, in doubles. */
  public double[] norms() {
    double[] n = new double[rows];
    for (int i = 0; i < rows; i++) {
      double s = 0;
      int base = i * dim;
      for (int j = 0; j < dim; j++) {
        double v = data[base + j];
        s += v * v;
      }
      n[i] = Math.sqrt(s);
    }
    return n;
  }
}
