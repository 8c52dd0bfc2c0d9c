package dev.atelier.trainers.sr;

/**
 * Peak signal-to-noise ratio of images in [-1, 1], taken as [0, 1] with peak 1: 10 log10(1 / MSE)
 * per image, averaged over the images (the usual SR convention), over all three channels.
 */
final class Psnr {
  /** What an exact match scores, instead of infinity. */
  static final double CAP = 100;

  private Psnr() {}

  /** Mean PSNR in dB of {@code count} CHW images of {@code len} values each. */
  static double mean(float[] test, float[] truth, int count, int len) {
    double total = 0;
    for (int k = 0; k < count; k++) {
      double se = 0;
      for (int i = k * len; i < (k + 1) * len; i++) {
        double diff = (clamp(test[i]) - clamp(truth[i])) / 2.0; // [-1, 1] -> [0, 1] scale
        se += diff * diff;
      }
      double mse = se / len;
      total += mse == 0 ? CAP : Math.min(CAP, 10 * Math.log10(1 / mse));
    }
    return total / count;
  }

  private static double clamp(float v) {
    return Math.max(-1f, Math.min(1f, v));
  }
}
