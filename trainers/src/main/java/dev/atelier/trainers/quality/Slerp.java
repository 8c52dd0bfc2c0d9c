package dev.atelier.trainers.quality;

/**
 * Spherical linear interpolation between latent vectors. Gaussian latents concentrate near a sphere
 * of radius sqrt(d); a straight line between two of them cuts through the low-norm interior the
 * generator rarely saw in training (the midpoint's norm is ~0.71 sqrt(d)), while the great circle
 * stays on the shell (White, "Sampling Generative Networks", 2016).
 */
public final class Slerp {
  private Slerp() {}

  /**
   * The point at {@code t} in [0, 1] on the arc from {@code a} to {@code b}: sin((1-t) w) / sin w a
   * + sin(t w) / sin w b, w the angle between them. Unit vectors stay unit; (almost) parallel
   * vectors, where the arc is undefined, fall back to the straight line.
   */
  public static float[] between(float[] a, float[] b, double t) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("latents: lengths " + a.length + " and " + b.length);
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    double cos = na == 0 || nb == 0 ? 1 : Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb)));
    double omega = Math.acos(cos);
    double sin = Math.sin(omega);
    double wa;
    double wb;
    if (sin < 1e-6) {
      wa = 1 - t;
      wb = t;
    } else {
      wa = Math.sin((1 - t) * omega) / sin;
      wb = Math.sin(t * omega) / sin;
    }
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (float) (wa * a[i] + wb * b[i]);
    }
    return out;
  }
}
