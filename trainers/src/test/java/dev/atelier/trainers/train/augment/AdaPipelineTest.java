package dev.atelier.trainers.train.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each transform of the ADA pipeline on a small hand-made image, and the pipeline as a whole:
 * identity at p = 0, every image changed at p = 1, and linear in the image with autograd's gradient
 * equal to finite differences.
 */
class AdaPipelineTest {
  private static final int S = 4;
  private NDManager m;

  @BeforeEach
  void manager() {
    m = NDManager.newBaseManager(Device.cpu(), "PyTorch");
  }

  @AfterEach
  void close() {
    m.close();
  }

  /** One 4x4 RGB image whose pixel (y, x) of channel c is 100c + 10y + x. */
  private NDArray image() {
    float[] v = new float[3 * S * S];
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < S; y++) {
        for (int x = 0; x < S; x++) {
          v[c * S * S + y * S + x] = 100 * c + 10 * y + x;
        }
      }
    }
    return m.create(v, new Shape(1, 3, S, S));
  }

  /** Channel 0 of the warped image, as rows. */
  private float[][] warped(double[] g) {
    float[] v = AdaGeometric.warp(image(), new double[][] {g}).toFloatArray();
    float[][] rows = new float[S][];
    for (int y = 0; y < S; y++) {
      rows[y] = Arrays.copyOfRange(v, y * S, y * S + S);
    }
    return rows;
  }

  @Test
  void xFlipMirrorsEachRow() {
    float[][] out = warped(AdaGeometric.scale(-1, 1));
    assertArrayEquals(new float[] {3, 2, 1, 0}, out[0]);
    assertArrayEquals(new float[] {33, 32, 31, 30}, out[3]);
  }

  @Test
  void aQuarterTurnMovesColumnsToRows() {
    // Output (x, y) reads input R(90°)·(u, v) = (−v, u) about the centre: out(y, x) = in(x, 3 − y).
    float[][] out = warped(AdaGeometric.rotateQuarter(1));
    assertArrayEquals(new float[] {3, 13, 23, 33}, out[0]);
    assertArrayEquals(new float[] {0, 10, 20, 30}, out[3]);
    // Four quarter turns are the image itself.
    double[] full = AdaGeometric.identity();
    for (int k = 0; k < 4; k++) {
      full = AdaGeometric.mul(full, AdaGeometric.rotateQuarter(1));
    }
    assertArrayEquals(warped(AdaGeometric.identity()), warped(full));
  }

  @Test
  void anIntegerTranslationShiftsAndReflectsAtTheBorder() {
    // translate2d_inv(1, 0): out(y, x) = in(y, x − 1); column −1 reflects to column 1.
    float[][] out = warped(AdaGeometric.translate(-1, 0));
    assertArrayEquals(new float[] {1, 0, 1, 2}, out[0]);
    assertArrayEquals(new float[] {21, 20, 21, 22}, out[2]);
    // Down by 2: rows −2, −1 reflect to 2, 1.
    out = warped(AdaGeometric.translate(0, -2));
    assertArrayEquals(new float[] {20, 21, 22, 23}, out[0]);
    assertArrayEquals(new float[] {10, 11, 12, 13}, out[1]);
    assertArrayEquals(new float[] {0, 1, 2, 3}, out[2]);
  }

  @Test
  void aHalfPixelTranslationAveragesNeighbours() {
    float[][] out = warped(AdaGeometric.translate(0.5, 0));
    assertArrayEquals(new float[] {0.5f, 1.5f, 2.5f, 2.5f}, out[0], 1e-5f);
  }

  @Test
  void brightnessAddsTheSameOffsetToEveryChannel() {
    float[] in = image().toFloatArray();
    float[] out = AdaColor.apply(image(), new double[][] {AdaColor.translate(0.25)}).toFloatArray();
    for (int i = 0; i < in.length; i++) {
      assertEquals(in[i] + 0.25f, out[i], 1e-4);
    }
  }

  @Test
  void lumaFlipAndHueKeepGreyAndSaturationZeroMakesGrey() {
    NDArray grey = m.full(new Shape(1, 3, S, S), 0.3f);
    float[] hue = AdaColor.apply(grey, new double[][] {AdaColor.hue(1.0)}).toFloatArray();
    for (float v : hue) {
      assertEquals(0.3f, v, 1e-6);
    }
    float[] flipped = AdaColor.apply(grey, new double[][] {AdaColor.lumaFlip()}).toFloatArray();
    for (float v : flipped) {
      assertEquals(-0.3f, v, 1e-6);
    }
    // (0.9, 0.3, 0.0) with saturation 0 is its mean, 0.4, in every channel.
    NDArray rgb = m.create(new float[] {0.9f, 0.3f, 0f}, new Shape(1, 3, 1, 1));
    assertArrayEquals(
        new float[] {0.4f, 0.4f, 0.4f},
        AdaColor.apply(rgb, new double[][] {AdaColor.saturation(0)}).toFloatArray(),
        1e-6f);
  }

  @Test
  void atZeroProbabilityTheBatchIsUntouchedAndAtOneEveryImageChanges() {
    Random r = new Random(5);
    float[] v = new float[8 * 3 * 16 * 16];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextFloat() * 2 - 1;
    }
    NDArray x = m.create(v, new Shape(8, 3, 16, 16));
    assertSame(x, AdaPipeline.apply(x, 0, new Random(1)));
    float[] out = AdaPipeline.apply(x, 1, new Random(1)).toFloatArray();
    int len = 3 * 16 * 16;
    for (int n = 0; n < 8; n++) {
      assertNotEquals(
          Arrays.toString(Arrays.copyOfRange(v, n * len, n * len + len)),
          Arrays.toString(Arrays.copyOfRange(out, n * len, n * len + len)),
          "image " + n);
    }
    assertArrayEquals(out, AdaPipeline.apply(x, 1, new Random(1)).toFloatArray());
  }

  @Test
  void gradientsThroughThePipelineMatchFiniteDifferences() {
    Random r = new Random(11);
    double[] v = new double[2 * 3 * 8 * 8];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextDouble() * 2 - 1;
    }
    double[] w = new double[v.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = r.nextDouble();
    }
    Shape shape = new Shape(2, 3, 8, 8);
    NDArray x = m.create(v, shape);
    NDArray weights = m.create(w, shape);
    x.setRequiresGradient(true);
    double[] grad;
    try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
      NDArray loss = AdaPipeline.apply(x, 0.8, new Random(2)).mul(weights).sum();
      gc.backward(loss);
      grad = x.getGradient().toDoubleArray();
    }
    assertEquals(DataType.FLOAT64, x.getDataType());
    double h = 1e-3;
    int nonZero = 0;
    for (int i = 0; i < v.length; i += 7) {
      double[] plus = v.clone();
      double[] minus = v.clone();
      plus[i] += h;
      minus[i] -= h;
      double fd = (objective(plus, weights, shape) - objective(minus, weights, shape)) / (2 * h);
      assertEquals(fd, grad[i], 1e-4 * Math.max(1, Math.abs(fd)), "pixel " + i);
      nonZero += grad[i] != 0 ? 1 : 0;
    }
    assertTrue(nonZero > 10, nonZero + " checked pixels with a gradient");
  }

  private double objective(double[] v, NDArray weights, Shape shape) {
    try (NDManager sm = m.newSubManager()) {
      return AdaPipeline.apply(sm.create(v, shape), 0.8, new Random(2))
          .mul(weights)
          .sum()
          .getDouble();
    }
  }
}
