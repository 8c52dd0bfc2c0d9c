package dev.atelier.trainers.quality;

/**
 * The built-in feature space, {@value #NAME}: each image averaged down to 8x8 cells per RGB channel
 * (192 features, in the generator's [-1, 1]). It needs no network and no download, so every trial
 * gets FD, KID, diversity and novelty even without a user's extractor. It sees coarse colour
 * layout, not texture or shape detail: numbers are comparable between Atelier runs on the same
 * data, never with published FIDs, which is why they carry the space's name ({@code fd_rgb8}).
 *
 * <p>Cells cover {@code size / 8} pixels a side when the size is a multiple of 8 (32, 64, 128);
 * otherwise each pixel goes to cell {@code floor(8 y / size)} and a cell averages what it got.
 */
public final class Rgb8Features implements FeatureExtractor {
  public static final String NAME = "rgb8";
  static final int CELLS = 8;
  public static final int DIMS = 3 * CELLS * CELLS;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public float[][] features(float[] nchw, int count, int size) {
    if (size < CELLS || nchw.length < (long) count * 3 * size * size) {
      throw new IllegalArgumentException(
          "images: "
              + nchw.length
              + " floats for "
              + count
              + " images of 3x"
              + size
              + "x"
              + size
              + " (the rgb8 features need images of at least 8x8)");
    }
    int[] cellOf = new int[size];
    int[] perCell = new int[CELLS];
    for (int i = 0; i < size; i++) {
      cellOf[i] = i * CELLS / size;
      perCell[cellOf[i]]++;
    }
    int plane = size * size;
    float[][] out = new float[count][];
    double[] sum = new double[DIMS];
    for (int n = 0; n < count; n++) {
      java.util.Arrays.fill(sum, 0);
      for (int c = 0; c < 3; c++) {
        int base = (n * 3 + c) * plane;
        for (int y = 0; y < size; y++) {
          int row = c * CELLS * CELLS + cellOf[y] * CELLS;
          int from = base + y * size;
          for (int x = 0; x < size; x++) {
            sum[row + cellOf[x]] += nchw[from + x];
          }
        }
      }
      float[] f = new float[DIMS];
      for (int d = 0; d < DIMS; d++) {
        int cy = (d / CELLS) % CELLS;
        int cx = d % CELLS;
        f[d] = (float) (sum[d] / (perCell[cy] * perCell[cx]));
      }
      out[n] = f;
    }
    return out;
  }
}
