package dev.atelier.trainers.sr;

/**
 * Area downsampling and nearest-neighbour enlargement of CHW float images on the host, the same
 * arithmetic as {@link Resampling}'s engine versions (a test holds them equal), for the probe batch
 * and {@code upscale}, which have images in Java arrays already.
 */
final class HostResampling {
  private HostResampling() {}

  /** {@code count} square images of {@code size} -> size/f, each pixel an f x f block's mean. */
  static float[] areaDown(float[] chw, int count, int size, int f) {
    int small = size / f;
    float[] out = new float[count * 3 * small * small];
    float scale = 1f / (f * f);
    for (int p = 0; p < count * 3; p++) {
      int src = p * size * size;
      int dst = p * small * small;
      for (int y = 0; y < small; y++) {
        for (int x = 0; x < small; x++) {
          float sum = 0;
          for (int dy = 0; dy < f; dy++) {
            int row = src + (y * f + dy) * size + x * f;
            for (int dx = 0; dx < f; dx++) {
              sum += chw[row + dx];
            }
          }
          out[dst + y * small + x] = sum * scale;
        }
      }
    }
    return out;
  }

  /** {@code count} images of h x w -> fh x fw, each pixel copied into an f x f block. */
  static float[] nearestUp(float[] chw, int count, int h, int w, int f) {
    int bw = w * f;
    float[] out = new float[count * 3 * h * w * f * f];
    for (int p = 0; p < count * 3; p++) {
      int src = p * h * w;
      int dst = p * h * w * f * f;
      for (int y = 0; y < h * f; y++) {
        for (int x = 0; x < bw; x++) {
          out[dst + y * bw + x] = chw[src + (y / f) * w + x / f];
        }
      }
    }
    return out;
  }
}
