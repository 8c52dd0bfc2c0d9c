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

  /** rpgan compares each real logit with its paired fake's: softplus of minus the gap. */
  @Test
  void relativisticPairingScoresEachPairsGap() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      NDArray r = m.create(new float[] {1, 0, 3}, new Shape(3, 1));
      NDArray f = m.create(new float[] {-1, 0, 4}, new Shape(3, 1));
      RelativisticPairingLoss loss = new RelativisticPairingLoss();
      double d = (Math.log1p(Math.exp(-2)) + Math.log(2) + Math.log1p(Math.exp(1))) / 3;
      double g = (Math.log1p(Math.exp(2)) + Math.log(2) + Math.log1p(Math.exp(-1))) / 3;
      assertEquals(d, loss.discriminator(r, f).getFloat(), 1e-6);
      assertEquals(g, loss.generator(r, f).getFloat(), 1e-6);
      // Shifting both sides by the same amount changes nothing: only the pairs' gaps count.
      assertEquals(d, loss.discriminator(r.add(5), f.add(5)).getFloat(), 1e-6);
    }
  }
}
