package dev.atelier.trainers.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.atelier.trainers.model.Dcgan;
import dev.atelier.trainers.spec.ModelKind;
import dev.atelier.trainers.train.loss.GradientPenalty;
import dev.atelier.trainers.train.loss.InputGradient;
import dev.atelier.trainers.train.loss.InterpolationPenalty;
import dev.atelier.trainers.train.loss.PenaltyInputs;
import dev.atelier.trainers.train.loss.R1Penalty;
import java.nio.DoubleBuffer;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The penalties' gradients w.r.t. D's parameters come from second-order autograd. Checked here
 * against central finite differences of the penalty's value, on the real (BatchNorm-free) DCGAN
 * discriminator in float64.
 */
class GradientPenaltyTest {
  private static final Shape IMAGES = new Shape(2, 3, 32, 32);

  @Test
  void r1GradientsMatchFiniteDifferences() {
    compare(() -> new R1Penalty(2.0));
  }

  @Test
  void wganGpGradientsMatchFiniteDifferences() {
    compare(() -> new InterpolationPenalty(10.0));
  }

  private static double[] images(long seed) {
    Random r = new Random(seed);
    double[] x = new double[(int) IMAGES.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextDouble() * 2 - 1;
    }
    return x;
  }

  private static void compare(Supplier<GradientPenalty> penalty) {
    Engine.getEngine("PyTorch").setRandomSeed(3);
    try (NDManager root = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        Network d =
            Network.create(
                "d", Dcgan.discriminator(ModelKind.DCGAN32, 2, false), IMAGES, DataType.FLOAT64)) {
      // Weights far from N(0, 0.02), so D's input gradients are far from zero and a relative
      // tolerance means something.
      d.trainable.forEach(p -> p.getValue().getArray().muli(20));
      double[] real = images(1);
      double[] fake = images(2);
      List<double[]> autograd;
      double base;
      try (NDManager sm = root.newSubManager()) {
        StepParameters leaves = StepParameters.trainable(d, sm);
        NDArray p = penalty(sm, d, leaves, penalty.get(), real, fake, true);
        base = p.getDouble();
        autograd = leaves.gradients().stream().map(NDArray::toDoubleArray).toList();
      }
      assertTrue(base > 0, "penalty " + base);
      int checked = 0;
      double h = 1e-6;
      for (int i = 0; i < d.trainable.size(); i++) {
        NDArray w = d.trainable.get(i).getValue().getArray();
        double[] values = w.toDoubleArray();
        for (int k : new int[] {0, values.length / 2, values.length - 1}) {
          double saved = values[k];
          values[k] = saved + h;
          w.set(DoubleBuffer.wrap(values));
          double plus = value(root, d, penalty.get(), real, fake);
          values[k] = saved - h;
          w.set(DoubleBuffer.wrap(values));
          double minus = value(root, d, penalty.get(), real, fake);
          values[k] = saved;
          w.set(DoubleBuffer.wrap(values));
          double numeric = (plus - minus) / (2 * h);
          double exact = autograd.get(i)[k];
          assertEquals(
              numeric,
              exact,
              1e-9 + 1e-4 * Math.abs(numeric),
              d.trainable.get(i).getKey() + "[" + k + "]");
          checked++;
          System.out.println(
              "FD " + d.trainable.get(i).getKey() + "[" + k + "] " + numeric + " " + exact);
        }
      }
      assertTrue(checked >= 12, checked + " parameters checked");
    }
  }

  private static double value(
      NDManager root, Network d, GradientPenalty penalty, double[] real, double[] fake) {
    try (NDManager sm = root.newSubManager()) {
      return penalty(sm, d, StepParameters.trainable(d, sm), penalty, real, fake, false)
          .getDouble();
    }
  }

  /** The penalty as D's update computes it; with {@code backward}, its gradient too. */
  private static NDArray penalty(
      NDManager sm,
      Network d,
      StepParameters leaves,
      GradientPenalty penalty,
      double[] realData,
      double[] fakeData,
      boolean backward) {
    try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
      NDArray real = sm.create(realData, IMAGES);
      NDArray fake = sm.create(fakeData, IMAGES);
      real.setRequiresGradient(true);
      NDArray out = forward(d, leaves, real);
      PenaltyInputs in =
          new PenaltyInputs(
              real,
              out,
              real,
              fake,
              x -> forward(d, leaves, x),
              new InputGradient(leaves::clearGradients),
              new Random(9));
      NDArray p = penalty.penalty(in);
      if (backward) {
        gc.backward(p);
      }
      return p;
    }
  }

  private static NDArray forward(Network d, StepParameters params, NDArray x) {
    return d.block.forward(params, new NDList(x), true).singletonOrThrow();
  }
}
