package dev.atelier.trainers.train.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.atelier.trainers.model.CriticGradient;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * R1 and R2 on a discriminator small enough to differentiate by hand: D(x) = sum_i w_i x_i^2 over
 * the 4 values of a (1, 2, 2) image, so grad_x D = 2 w x, |grad_x D|^2 = 4 sum_i w_i^2 x_i^2, the
 * penalty (gamma / 2) E_n[4 sum_i w_i^2 x_ni^2] and its gradient 4 gamma w_i E_n[x_ni^2].
 */
class ZeroCentredPenaltyTest {
  private static final Shape IMAGES = new Shape(2, 1, 2, 2);
  private static final double[] W = {0.5, -1, 2, 0.25};
  private static final double[] REAL = {1, 2, -1, 0.5, 0, 1, 1, -2};
  private static final double[] FAKE = {-0.5, 0.5, 3, 1, 2, 0, -1, 1};

  /** The hand-computed penalty and its gradient w.r.t. w at {@code x}, for {@code gamma}. */
  private static double[] byHand(double[] x, double gamma) {
    double value = 0;
    double[] grad = new double[4];
    for (int n = 0; n < 2; n++) {
      for (int i = 0; i < 4; i++) {
        double xi = x[n * 4 + i];
        value += gamma / 2 * 4 * W[i] * W[i] * xi * xi / 2;
        grad[i] += 4 * gamma * W[i] * xi * xi / 2;
      }
    }
    double[] out = new double[5];
    out[0] = value;
    System.arraycopy(grad, 0, out, 1, 4);
    return out;
  }

  /** The penalty and its gradient w.r.t. w as the trainer computes them. */
  private static double[] computed(GradientPenalty penalty) {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
      NDArray w = m.create(W, new Shape(1, 1, 2, 2));
      w.setRequiresGradient(true);
      PenaltyInputs in =
          new PenaltyInputs(
              m.create(REAL, IMAGES),
              m.create(FAKE, IMAGES),
              x ->
                  new CriticGradient.Result(
                      x.square().mul(w).sum(new int[] {1, 2, 3}).reshape(-1, 1),
                      x.mul(w).mul(m.full(new Shape(), 2, DataType.FLOAT64))),
              new Random(1));
      NDArray p = penalty.penalty(in);
      gc.backward(p);
      double[] out = new double[5];
      out[0] = p.getDouble();
      System.arraycopy(w.getGradient().toDoubleArray(), 0, out, 1, 4);
      return out;
    }
  }

  /**
   * In a training step R1 and R2 take D's input gradient from the passes that score the batches for
   * D's loss ({@code GanStep}): a penalty that ran D again through {@code critic} would fail here.
   */
  @Test
  void penaltiesUseTheLossPassesTheyAskFor() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      NDArray w = m.create(W, new Shape(1, 1, 2, 2));
      NDArray real = m.create(REAL, IMAGES);
      NDArray fake = m.create(FAKE, IMAGES);
      java.util.function.Function<NDArray, CriticGradient.Result> hand =
          x ->
              new CriticGradient.Result(
                  x.square().mul(w).sum(new int[] {1, 2, 3}).reshape(-1, 1),
                  x.mul(w).mul(m.full(new Shape(), 2, DataType.FLOAT64)));
      CriticGradient.Result atReal = hand.apply(real);
      CriticGradient.Result atFake = hand.apply(fake);
      PenaltyInputs in =
          new PenaltyInputs(
              real,
              fake,
              x -> {
                throw new AssertionError("a second pass of D");
              },
              new Random(1),
              () -> atReal,
              () -> atFake);
      assertEquals(byHand(REAL, 3)[0], new R1Penalty(3).penalty(in).getDouble(), 1e-9);
      assertEquals(byHand(FAKE, 3)[0], new R2Penalty(3).penalty(in).getDouble(), 1e-9);
    }
    assertEquals(true, new R1Penalty(1).atReal());
    assertEquals(false, new R1Penalty(1).atFake());
    assertEquals(true, new R2Penalty(1).atFake());
    assertEquals(false, new R2Penalty(1).atReal());
    assertEquals(true, new LazyPenalty(new R1Penalty(16), 16).atReal());
    assertEquals(false, new InterpolationPenalty(10).atReal());
  }

  @Test
  void r1IsHalfGammaTimesTheMeanSquaredInputGradientOnRealImages() {
    double[] expected = byHand(REAL, 3);
    double[] actual = computed(new R1Penalty(3));
    // 1.5 * (4 * (0.25 + 4 + 4 + 0.015625) + 4 * (0 + 1 + 4 + 0.25)) / 2 = 40.546875
    assertEquals(40.546875, expected[0], 1e-12);
    assertArrayEquals(expected, actual, 1e-9);
  }

  @Test
  void r2IsTheSameOnTheGeneratedImages() {
    double[] expected = byHand(FAKE, 0.5);
    double[] actual = computed(new R2Penalty(0.5));
    assertArrayEquals(expected, actual, 1e-9);
    assertEquals(false, Math.abs(expected[0] - byHand(REAL, 0.5)[0]) < 1e-6);
  }
}
