package dev.atelier.trainers.train.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * The geometric half of StyleGAN2-ADA's 'bgc' pipeline, each transform drawn per image with
 * probability p, in that code's order and with its defaults: x-flip, 90° rotation, integer
 * translation (up to 1/8 of the side), then isotropic scaling (log2 std 0.2), rotation (any angle;
 * before and after the anisotropic scaling, each with 1 − √(1 − p) so that either happens with p),
 * anisotropic scaling (log2 std 0.2) and fractional translation (std 1/8 of the side).
 *
 * <p>They compose into one inverse matrix per image (output pixel → input pixel, about the image
 * centre), computed on the host; the image is then sampled bilinearly at those points as four
 * gathers weighted by constants, with reflection beyond the border. The sampling points do not
 * depend on the image, so this is linear in it and autograd passes gradients back to every pixel
 * read. Where a point falls on a pixel (flips, 90° rotations and integer translations) the weight
 * is exactly 1 and the pixel is copied. Unlike StyleGAN2-ADA there is no 2x supersampling with a
 * sym6 low-pass filter around the warp (and its reflection padding is bounded): general rotations
 * and scalings here are plain bilinear, slightly softer and more aliased.
 */
public final class AdaGeometric {
  static final double XINT_MAX = 0.125;
  static final double SCALE_STD = 0.2;
  static final double ROTATE_MAX = 1;
  static final double ANISO_STD = 0.2;
  static final double XFRAC_STD = 0.125;

  private AdaGeometric() {}

  /**
   * One inverse transform per image, row-major 3x3, in pixel units about the image centre.
   *
   * @param p the probability of each transform
   */
  public static double[][] draw(int n, int h, int w, double p, Random r) {
    double[][] g = new double[n][];
    for (int i = 0; i < n; i++) {
      g[i] = identity();
    }
    // x-flip: scale2d_inv(1 − 2i, 1) with i in {0, 1}.
    double[] flip = floors(n, 2, r);
    boolean[] on = coins(n, p, r);
    for (int i = 0; i < n; i++) {
      if (on[i] && flip[i] == 1) {
        g[i] = mul(g[i], scale(-1, 1));
      }
    }
    // 90° rotations: rotate2d_inv(−π/2 · i), exact.
    double[] quarter = floors(n, 4, r);
    on = coins(n, p, r);
    for (int i = 0; i < n; i++) {
      if (on[i] && quarter[i] != 0) {
        g[i] = mul(g[i], rotateQuarter((int) quarter[i]));
      }
    }
    // Integer translation: translate2d_inv(round(tx · w), round(ty · h)).
    double[][] t = new double[n][2];
    for (int i = 0; i < n; i++) {
      t[i][0] = (r.nextDouble() * 2 - 1) * XINT_MAX;
      t[i][1] = (r.nextDouble() * 2 - 1) * XINT_MAX;
    }
    on = coins(n, p, r);
    for (int i = 0; i < n; i++) {
      if (on[i]) {
        g[i] = mul(g[i], translate(-Math.rint(t[i][0] * w), -Math.rint(t[i][1] * h)));
      }
    }
    // Isotropic scaling: scale2d_inv(s, s), s = 2^N(0, 0.2²).
    double[] s = logNormals(n, SCALE_STD, r);
    on = coins(n, p, r);
    for (int i = 0; i < n; i++) {
      if (on[i]) {
        g[i] = mul(g[i], scale(1 / s[i], 1 / s[i]));
      }
    }
    double pRot = 1 - Math.sqrt(Math.min(1, Math.max(0, 1 - p)));
    rotation(g, pRot, r);
    // Anisotropic scaling: scale2d_inv(s, 1/s).
    s = logNormals(n, ANISO_STD, r);
    on = coins(n, p, r);
    for (int i = 0; i < n; i++) {
      if (on[i]) {
        g[i] = mul(g[i], scale(1 / s[i], s[i]));
      }
    }
    rotation(g, pRot, r);
    // Fractional translation: translate2d_inv(tx · w, ty · h), t ~ N(0, 0.125²).
    for (int i = 0; i < n; i++) {
      t[i][0] = r.nextGaussian() * XFRAC_STD;
      t[i][1] = r.nextGaussian() * XFRAC_STD;
    }
    on = coins(n, p, r);
    for (int i = 0; i < n; i++) {
      if (on[i]) {
        g[i] = mul(g[i], translate(-t[i][0] * w, -t[i][1] * h));
      }
    }
    return g;
  }

  /** rotate2d_inv(−θ), θ uniform in [−π, π), with probability {@code pRot}. */
  private static void rotation(double[][] g, double pRot, Random r) {
    int n = g.length;
    double[] theta = new double[n];
    for (int i = 0; i < n; i++) {
      theta[i] = (r.nextDouble() * 2 - 1) * Math.PI * ROTATE_MAX;
    }
    boolean[] on = coins(n, pRot, r);
    for (int i = 0; i < n; i++) {
      if (on[i]) {
        g[i] = mul(g[i], rotate(theta[i]));
      }
    }
  }

  /**
   * Warps each image of the (N, C, H, W) batch by its inverse transform: output pixel (x, y) reads
   * the input at g · (x − cx, y − cy, 1) + (cx, cy), bilinearly, reflected at the border.
   */
  public static NDArray warp(NDArray x, double[][] g) {
    Shape shape = x.getShape();
    int n = (int) shape.get(0);
    int c = (int) shape.get(1);
    int h = (int) shape.get(2);
    int w = (int) shape.get(3);
    boolean identity = true;
    for (double[] gi : g) {
      identity &= java.util.Arrays.equals(gi, identity());
    }
    if (identity) {
      return x;
    }
    int hw = h * w;
    long[][] idx = new long[4][n * hw];
    float[][] wt = new float[4][n * hw];
    boolean[] used = new boolean[4];
    double cx = (w - 1) / 2.0;
    double cy = (h - 1) / 2.0;
    for (int i = 0; i < n; i++) {
      double[] m = g[i];
      for (int y = 0; y < h; y++) {
        for (int xo = 0; xo < w; xo++) {
          double u = xo - cx;
          double v = y - cy;
          double sx = snap(m[0] * u + m[1] * v + m[2] + cx);
          double sy = snap(m[3] * u + m[4] * v + m[5] + cy);
          double x0 = Math.floor(sx);
          double y0 = Math.floor(sy);
          double fx = sx - x0;
          double fy = sy - y0;
          int ix0 = reflect((long) x0, w);
          int ix1 = reflect((long) x0 + 1, w);
          int iy0 = reflect((long) y0, h);
          int iy1 = reflect((long) y0 + 1, h);
          int at = i * hw + y * w + xo;
          idx[0][at] = (long) iy0 * w + ix0;
          idx[1][at] = (long) iy0 * w + ix1;
          idx[2][at] = (long) iy1 * w + ix0;
          idx[3][at] = (long) iy1 * w + ix1;
          wt[0][at] = (float) ((1 - fx) * (1 - fy));
          wt[1][at] = (float) (fx * (1 - fy));
          wt[2][at] = (float) ((1 - fx) * fy);
          wt[3][at] = (float) (fx * fy);
          for (int k = 0; k < 4; k++) {
            used[k] |= wt[k][at] != 0;
          }
        }
      }
    }
    NDManager mgr = x.getManager();
    Shape flat = new Shape(n, c, hw);
    Shape perImage = new Shape(n, 1, hw);
    NDArray xf = x.reshape(flat);
    NDArray out = null;
    for (int k = 0; k < 4; k++) {
      if (!used[k]) {
        continue;
      }
      NDArray gathered = xf.gather(mgr.create(idx[k], perImage).broadcast(flat), 2);
      NDArray term = gathered.mul(mgr.create(wt[k], perImage).toType(x.getDataType(), false));
      out = out == null ? term : out.add(term);
    }
    return out.reshape(shape);
  }

  /** A coordinate within 1e-6 of a pixel is that pixel, so blits copy exactly. */
  private static double snap(double v) {
    double r = Math.rint(v);
    return Math.abs(v - r) < 1e-6 ? r : v;
  }

  /** Mirror indexing without repeating the edge pixel (PyTorch's "reflect" padding), periodic. */
  static int reflect(long i, int n) {
    if (n == 1) {
      return 0;
    }
    long period = 2L * (n - 1);
    long j = Math.floorMod(i, period);
    return (int) (j >= n ? period - j : j);
  }

  private static double[] floors(int n, int k, Random r) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.floor(r.nextDouble() * k);
    }
    return v;
  }

  static boolean[] coins(int n, double p, Random r) {
    boolean[] v = new boolean[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextDouble() < p;
    }
    return v;
  }

  static double[] logNormals(int n, double log2Std, Random r) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.pow(2, r.nextGaussian() * log2Std);
    }
    return v;
  }

  static double[] identity() {
    return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
  }

  static double[] mul(double[] a, double[] b) {
    double[] c = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
          s += a[i * 3 + k] * b[k * 3 + j];
        }
        c[i * 3 + j] = s;
      }
    }
    return c;
  }

  static double[] scale(double sx, double sy) {
    return new double[] {sx, 0, 0, 0, sy, 0, 0, 0, 1};
  }

  static double[] translate(double tx, double ty) {
    return new double[] {1, 0, tx, 0, 1, ty, 0, 0, 1};
  }

  static double[] rotate(double theta) {
    double c = Math.cos(theta);
    double s = Math.sin(theta);
    return new double[] {c, -s, 0, s, c, 0, 0, 0, 1};
  }

  /** rotate(k · π/2) with exact entries. */
  static double[] rotateQuarter(int k) {
    int[] cos = {1, 0, -1, 0};
    int[] sin = {0, 1, 0, -1};
    return new double[] {cos[k], -sin[k], 0, sin[k], cos[k], 0, 0, 0, 1};
  }
}
