package dev.atelier.trainers.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** The one-interpolation doubling is the two-repeat one: same output, same input gradient. */
class NearestUpsampleTest {
  @Test
  void interpolationEqualsRepeatingEachPixelInOutputAndGradient() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      for (int factor : new int[] {2, 4}) {
        NDArray x = m.randomNormal(new Shape(2, 3, 5, 4));
        NDArray w = m.randomNormal(new Shape(2, 3, 5 * factor, 4 * factor));
        float[][] out = new float[2][];
        float[][] grad = new float[2][];
        for (int k = 0; k < 2; k++) {
          NDArray leaf = x.duplicate();
          leaf.setRequiresGradient(true);
          try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray y =
                k == 0
                    ? leaf.repeat(2, factor).repeat(3, factor)
                    : NearestUpsample.apply(leaf, factor);
            gc.backward(y.mul(w).sum());
            out[k] = y.toFloatArray();
          }
          grad[k] = leaf.getGradient().toFloatArray();
        }
        assertEquals(
            new Shape(2, 3, 5 * factor, 4 * factor), NearestUpsample.apply(x, factor).getShape());
        assertArrayEquals(out[0], out[1], 0f, "output, factor " + factor);
        assertArrayEquals(grad[0], grad[1], 1e-5f, "gradient, factor " + factor);
      }
    }
  }
}
