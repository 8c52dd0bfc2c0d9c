package dev.atelier.trainers.sr;

import dev.atelier.trainers.quality.FeatureExtractor;

/**
 * The built-in feature space of {@code srgan4x}'s quality metrics, {@value #NAME}: small patches of
 * the full-resolution image, each one feature row, describing detail rather than colour.
 *
 * <p>Why not the GANs' {@code rgb8}: it averages 8x8 cells, and at sizes that are multiples of 32
 * each cell is made of whole 4x4 input blocks, so nearest-neighbour enlargement already scores FD 0
 * there — it cannot see the detail SR adds. Here:
 *
 * <ul>
 *   <li>a patch is 4x4 pixels (one input pixel's footprint at 4x) placed at offset 2 on a grid, so
 *       it straddles input-pixel borders: a nearest-neighbour patch is four flat quadrants, a
 *       truthful one has texture and edges that cross them;
 *   <li>each channel's patch mean is subtracted (colour fidelity is what {@code psnr} measures) and
 *       each channel's last pixel is dropped, as the mean subtraction makes it the negative sum of
 *       the others: 3 x 15 = {@value #DIMS} features whose covariance is not singular by
 *       construction;
 *   <li>the grid's stride is 4 times the smallest k that keeps the rows at most {@value #MAX_ROWS}
 *       (16 probes: every patch position at 32 px, every other one at 64, every fourth at 128), so
 *       FD's covariances and KID's kernel matrices stay small and every evaluation costs the same.
 * </ul>
 *
 * <p>Rows come image by image, patches row-major within an image, so output row i pairs with ground
 * truth row i (paired KID). Images are NCHW in [-1, 1].
 */
public final class PatchFeatures implements FeatureExtractor {
  public static final String NAME = "patch4";
  static final int PATCH = 4;
  static final int OFFSET = 2;
  static final int DIMS = 3 * (PATCH * PATCH - 1);
  static final int MAX_ROWS = 1024;

  @Override
  public String name() {
    return NAME;
  }

  /** Patch positions per axis for {@code count} images of side {@code size}. */
  static int stride(int count, int size) {
    for (int k = 1; ; k++) {
      int perAxis = positions(size, PATCH * k);
      if ((long) count * perAxis * perAxis <= MAX_ROWS || perAxis <= 1) {
        return PATCH * k;
      }
    }
  }

  private static int positions(int size, int stride) {
    return size < OFFSET + PATCH ? 0 : (size - OFFSET - PATCH) / stride + 1;
  }

  @Override
  public float[][] features(float[] nchw, int count, int size) {
    if (size < OFFSET + PATCH || nchw.length < (long) count * 3 * size * size) {
      throw new IllegalArgumentException(
          "images: "
              + nchw.length
              + " floats for "
              + count
              + " images of 3x"
              + size
              + "x"
              + size
              + " (the "
              + NAME
              + " features need images of at least 6x6)");
    }
    int stride = stride(count, size);
    int perAxis = positions(size, stride);
    float[][] rows = new float[count * perAxis * perAxis][];
    int r = 0;
    for (int n = 0; n < count; n++) {
      for (int py = 0; py < perAxis; py++) {
        for (int px = 0; px < perAxis; px++) {
          rows[r++] = patch(nchw, n, size, OFFSET + py * stride, OFFSET + px * stride);
        }
      }
    }
    return rows;
  }

  private static float[] patch(float[] nchw, int n, int size, int y0, int x0) {
    float[] row = new float[DIMS];
    float[] values = new float[PATCH * PATCH];
    for (int c = 0; c < 3; c++) {
      int plane = (n * 3 + c) * size * size;
      double sum = 0;
      for (int y = 0; y < PATCH; y++) {
        for (int x = 0; x < PATCH; x++) {
          float v = nchw[plane + (y0 + y) * size + x0 + x];
          values[y * PATCH + x] = v;
          sum += v;
        }
      }
      float mean = (float) (sum / values.length);
      for (int i = 0; i < values.length - 1; i++) {
        row[c * (values.length - 1) + i] = values[i] - mean;
      }
    }
    return row;
  }

  @Override
  public void close() {}
}
