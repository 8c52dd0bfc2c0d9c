package dev.atelier.trainers.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.atelier.trainers.model.Dcgan;
import dev.atelier.trainers.spec.ModelKind;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EmaTest {
  private static Network generator(String name) {
    return Network.create(name, Dcgan.generator(ModelKind.DCGAN32, 4, 2), new Shape(2, 4));
  }

  private static void fill(Network net, float v) {
    for (var p : net.all) {
      NDArray a = p.getValue().getArray();
      float[] values = new float[(int) a.size()];
      Arrays.fill(values, v);
      a.set(values);
    }
  }

  /** Every parameter of the average, BatchNorm statistics included, must hold {@code v}. */
  private static void assertAll(Network net, float v) {
    for (var p : net.all) {
      for (float x : p.getValue().getArray().toFloatArray()) {
        assertEquals(v, x, 1e-6, p.getKey());
      }
    }
  }

  @Test
  void theAverageMovesByOneMinusTheRampedDecay() {
    try (NDManager root = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        Network g = generator("g");
        Network avg = generator("avg")) {
      Ema ema = new Ema(g, avg, 0.5, root);
      fill(g, 2);
      fill(avg, 0);
      ema.update(1000); // ramp (1001/1010) is past 0.5: the decay is 0.5
      assertAll(avg, 1);
      ema.update(0); // ramp 1/10 = 0.1: mostly the new weights
      assertAll(avg, 0.1f * 1 + 0.9f * 2);
    }
  }

  @Test
  void aFreshAverageStartsAsTheGenerator() {
    try (NDManager root = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        Network g = generator("g");
        Network avg = generator("avg")) {
      fill(g, 0.25f);
      new Ema(g, avg, 0.999, root).startFromSource();
      assertAll(avg, 0.25f);
    }
  }

  @Test
  void theDecayRampsUpToTheConfiguredValue() {
    assertEquals(0.1, Ema.decayAfter(0.999, 0), 1e-12);
    assertEquals(101 / 110.0, Ema.decayAfter(0.999, 100), 1e-12);
    assertEquals(0.999, Ema.decayAfter(0.999, 1_000_000), 1e-12);
  }
}
