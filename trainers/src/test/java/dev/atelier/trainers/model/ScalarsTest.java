package dev.atelier.trainers.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A constant factor's backward pass after a garbage collection between forward and backward. With
 * {@code NDArray.mul(Number)} the gradient read the freed memory of DJL's temporary scalar (with
 * glibc: about -1e30 or NaN instead of 3).
 */
class ScalarsTest {
  private static float[] gradientAfterCollection(UnaryOperator<NDArray> op) throws Exception {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray x = m.create(new float[] {1, 2, 3});
      x.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
        long before = CollectedBuffers.count();
        NDArray y = op.apply(x);
        CollectedBuffers.freeDownTo(before);
        gc.backward(y.sum());
      }
      return x.getGradient().toFloatArray();
    }
  }

  @Test
  void timesKeepsItsFactorForTheBackwardPass() throws Exception {
    assertArrayEquals(
        new float[] {3, 3, 3}, gradientAfterCollection(x -> Scalars.times(x, 3f)), 0f);
  }

  @Test
  void dividedByKeepsItsDivisorForTheBackwardPass() throws Exception {
    assertArrayEquals(
        new float[] {0.25f, 0.25f, 0.25f},
        gradientAfterCollection(x -> Scalars.dividedBy(x, 4f)),
        0f);
  }
}
