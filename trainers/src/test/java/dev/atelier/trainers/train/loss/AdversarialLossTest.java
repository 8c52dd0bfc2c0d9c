package dev.atelier.trainers.train.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class AdversarialLossTest {
  private static float[] dAndG(AdversarialLoss loss, float real, float fake) {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      NDArray r = m.full(new Shape(4, 1), real);
      NDArray f = m.full(new Shape(4, 1), fake);
      return new float[] {loss.discriminator(r, f).getFloat(), loss.generator(f).getFloat()};
    }
  }

  @Test
  void nonSaturatingBceIsLogTwoPerSideAtAnUndecidedDiscriminator() {
    float[] v = dAndG(new NonSaturatingLoss(), 0, 0);
    assertEquals(2 * Math.log(2), v[0], 1e-6);
    assertEquals(Math.log(2), v[1], 1e-6);
    // A confident, correct D: its loss vanishes, G's (non-saturating) does not.
    float[] w = dAndG(new NonSaturatingLoss(), 20, -20);
    assertEquals(0, w[0], 1e-6);
    assertEquals(20, w[1], 1e-5);
  }

  @Test
  void hingeIgnoresLogitsPastTheMargin() {
    assertEquals(0, dAndG(new HingeLoss(), 3, -5)[0], 1e-6);
    assertEquals(2, dAndG(new HingeLoss(), 0, 0)[0], 1e-6);
    assertEquals(3.5, dAndG(new HingeLoss(), -0.5f, 1)[0], 1e-6);
    assertEquals(-1, dAndG(new HingeLoss(), 0, 1)[1], 1e-6);
  }

  @Test
  void wassersteinIsTheNegatedScoreGap() {
    float[] v = dAndG(new WassersteinLoss(), 1.5f, -0.5f);
    assertEquals(-2, v[0], 1e-6);
    assertEquals(0.5, v[1], 1e-6);
  }
}
