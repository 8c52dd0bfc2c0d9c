package dev.atelier.trainers.train.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;

/**
 * The colour half of StyleGAN2-ADA's 'bgc' pipeline, each transform drawn per image with
 * probability p, in that code's order and with its defaults: brightness + N(0, 0.2²), contrast ×
 * 2^N(0, 0.5²), luma flip (a Householder reflection about the grey axis, half the time), hue
 * rotation about the grey axis by U(−π, π), saturation (the part off the grey axis) × 2^N(0, 1).
 * They compose into one affine map of RGB per image (a 4x4 homogeneous matrix, on the host),
 * applied as one batched matrix product and a bias, so it is linear in the image.
 */
public final class AdaColor {
  static final double BRIGHTNESS_STD = 0.2;
  static final double CONTRAST_STD = 0.5;
  static final double HUE_MAX = 1;
  static final double SATURATION_STD = 1;

  private static final double[] LUMA = {1 / Math.sqrt(3), 1 / Math.sqrt(3), 1 / Math.sqrt(3), 0};

  private AdaColor() {}

  /** One colour matrix per image, row-major 4x4: colour_out = C · (r, g, b, 1). */
  public static double[][] draw(int n, double p, Random r) {
    double[][] c = new double[n][];
    for (int i = 0; i < n; i++) {
      c[i] = identity();
    }
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      b[i] = r.nextGaussian() * BRIGHTNESS_STD;
    }
    boolean[] on = AdaGeometric.coins(n, p, r);
    for (int i = 0; i < n; i++) {
      if (on[i]) {
        c[i] = mul(translate(b[i]), c[i]);
      }
    }
    double[] k = AdaGeometric.logNormals(n, CONTRAST_STD, r);
    on = AdaGeometric.coins(n, p, r);
    for (int i = 0; i < n; i++) {
      if (on[i]) {
        c[i] = mul(scale(k[i]), c[i]);
      }
    }
    double[] flip = new double[n];
    for (int i = 0; i < n; i++) {
      flip[i] = Math.floor(r.nextDouble() * 2);
    }
    on = AdaGeometric.coins(n, p, r);
    for (int i = 0; i < n; i++) {
      if (on[i] && flip[i] == 1) {
        c[i] = mul(lumaFlip(), c[i]);
      }
    }
    double[] theta = new double[n];
    for (int i = 0; i < n; i++) {
      theta[i] = (r.nextDouble() * 2 - 1) * Math.PI * HUE_MAX;
    }
    on = AdaGeometric.coins(n, p, r);
    for (int i = 0; i < n; i++) {
      if (on[i]) {
        c[i] = mul(hue(theta[i]), c[i]);
      }
    }
    double[] s = AdaGeometric.logNormals(n, SATURATION_STD, r);
    on = AdaGeometric.coins(n, p, r);
    for (int i = 0; i < n; i++) {
      if (on[i]) {
        c[i] = mul(saturation(s[i]), c[i]);
      }
    }
    return c;
  }

  /** Applies each image's matrix to its (N, 3, H, W) pixels; returns x itself when all are I. */
  public static NDArray apply(NDArray x, double[][] c) {
    if (Arrays.stream(c).allMatch(ci -> Arrays.equals(ci, identity()))) {
      return x;
    }
    Shape shape = x.getShape();
    int n = (int) shape.get(0);
    float[] linear = new float[n * 9];
    float[] bias = new float[n * 3];
    for (int i = 0; i < n; i++) {
      for (int row = 0; row < 3; row++) {
        for (int col = 0; col < 3; col++) {
          linear[i * 9 + row * 3 + col] = (float) c[i][row * 4 + col];
        }
        bias[i * 3 + row] = (float) c[i][row * 4 + 3];
      }
    }
    NDManager m = x.getManager();
    NDArray a = m.create(linear, new Shape(n, 3, 3)).toType(x.getDataType(), false);
    NDArray t = m.create(bias, new Shape(n, 3, 1)).toType(x.getDataType(), false);
    NDArray flat = x.reshape(new Shape(n, 3, shape.get(2) * shape.get(3)));
    return a.matMul(flat).add(t).reshape(shape);
  }

  static double[] identity() {
    double[] m = new double[16];
    for (int i = 0; i < 4; i++) {
      m[i * 5] = 1;
    }
    return m;
  }

  static double[] translate(double b) {
    double[] m = identity();
    m[3] = b;
    m[7] = b;
    m[11] = b;
    return m;
  }

  static double[] scale(double k) {
    double[] m = identity();
    m[0] = k;
    m[5] = k;
    m[10] = k;
    return m;
  }

  /** I − 2 v vᵀ, v the unit grey axis. */
  static double[] lumaFlip() {
    double[] m = identity();
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        m[i * 4 + j] -= 2 * LUMA[i] * LUMA[j];
      }
    }
    return m;
  }

  /** Rotation by θ about the grey axis (Rodrigues). */
  static double[] hue(double theta) {
    double vx = LUMA[0];
    double vy = LUMA[1];
    double vz = LUMA[2];
    double s = Math.sin(theta);
    double c = Math.cos(theta);
    double cc = 1 - c;
    return new double[] {
      vx * vx * cc + c,
      vx * vy * cc - vz * s,
      vx * vz * cc + vy * s,
      0,
      vy * vx * cc + vz * s,
      vy * vy * cc + c,
      vy * vz * cc - vx * s,
      0,
      vz * vx * cc - vy * s,
      vz * vy * cc + vx * s,
      vz * vz * cc + c,
      0,
      0,
      0,
      0,
      1
    };
  }

  /** v vᵀ + (I − v vᵀ) · s: the grey part kept, the rest scaled. */
  static double[] saturation(double s) {
    double[] m = new double[16];
    double[] id = identity();
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        double vv = LUMA[i] * LUMA[j];
        m[i * 4 + j] = vv + (id[i * 4 + j] - vv) * s;
      }
    }
    return m;
  }

  static double[] mul(double[] a, double[] b) {
    double[] c = new double[16];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        double s = 0;
        for (int k = 0; k < 4; k++) {
          s += a[i * 4 + k] * b[k * 4 + j];
        }
        c[i * 4 + j] = s;
      }
    }
    return c;
  }
}
