package dev.atelier.trainers.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.atelier.trainers.model.CriticGradient;
import dev.atelier.trainers.model.Dcgan;
import dev.atelier.trainers.model.R3ganDiscriminator;
import dev.atelier.trainers.model.R3ganShape;
import dev.atelier.trainers.spec.ModelKind;
import dev.atelier.trainers.train.loss.GradientPenalty;
import dev.atelier.trainers.train.loss.InterpolationPenalty;
import dev.atelier.trainers.train.loss.PenaltyInputs;
import dev.atelier.trainers.train.loss.R1Penalty;
import dev.atelier.trainers.train.loss.R2Penalty;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The penalties' gradients w.r.t. D's parameters are second-order: they come from an explicit,
 * differentiable input gradient ({@link CriticGradient}) and one ordinary backward pass. Checked
 * here against central finite differences of the penalty's value, on the real (BatchNorm-free)
 * DCGAN discriminator in float64.
 */
class GradientPenaltyTest {
  /** The unconditional DCGAN sizes (conditional and progressive kinds have their own tests). */
  private static final java.util.List<ModelKind> DCGANS =
      java.util.List.of(ModelKind.DCGAN32, ModelKind.DCGAN64, ModelKind.DCGAN128);

  private static final Shape IMAGES = new Shape(2, 3, 32, 32);

  @Test
  void r1GradientsMatchFiniteDifferences() {
    compare(() -> new R1Penalty(2.0), () -> Dcgan.discriminator(ModelKind.DCGAN32, 2, false));
  }

  @Test
  void wganGpGradientsMatchFiniteDifferences() {
    compare(
        () -> new InterpolationPenalty(10.0),
        () -> Dcgan.discriminator(ModelKind.DCGAN32, 2, false));
  }

  /** r3gan's discriminator: residual blocks, grouped convolutions, resamplers, the basis. */
  @Test
  void r1AndR2GradientsMatchFiniteDifferencesThroughR3gansDiscriminator() {
    compare(() -> new R1Penalty(2.0), GradientPenaltyTest::r3ganD);
    compare(() -> new R2Penalty(0.5), GradientPenaltyTest::r3ganD);
  }

  private static Block r3ganD() {
    return new R3ganDiscriminator(new R3ganShape(4, 32, 1, 2));
  }

  private static double[] images(long seed) {
    Random r = new Random(seed);
    double[] x = new double[(int) IMAGES.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextDouble() * 2 - 1;
    }
    return x;
  }

  private static void compare(Supplier<GradientPenalty> penalty, Supplier<Block> discriminator) {
    Engine.getEngine("PyTorch").setRandomSeed(3);
    try (NDManager root = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        Network d = Network.create("d", discriminator.get(), IMAGES, DataType.FLOAT64)) {
      // Weights far from their initial scale (r3gan's start at zero in places), so D's input
      // gradients are far from zero and a relative tolerance means something.
      scrambled(root, d);
      double[] real = images(1);
      double[] fake = images(2);
      List<double[]> autograd;
      double base;
      try (NDManager sm = root.newSubManager()) {
        StepParameters leaves = StepParameters.trainable(d, sm);
        NDArray p = penalty(sm, d, leaves, penalty.get(), real, fake, true);
        base = p.getDouble();
        // A parameter the penalty does not depend on (a bias) gets DJL's default zeros, in float32.
        autograd =
            leaves.gradients().stream()
                .map(g -> g.toType(DataType.FLOAT64, false).toDoubleArray())
                .toList();
      }
      assertTrue(base > 0, "penalty " + base);
      int checked = 0;
      int kinks = 0;
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
          // The penalty jumps where a LeakyReLU input crosses zero (its derivative's mask flips).
          // r3gan has enough units for a step of h to cross one now and then: the two one-sided
          // differences then disagree, and that coordinate says nothing about the gradient.
          double forward = (plus - base) / h;
          double backward = (base - minus) / h;
          if (Math.abs(forward - backward) > 1e-3 * Math.abs(numeric) + 1e-6) {
            kinks++;
            continue;
          }
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
      assertTrue(checked >= 12 && kinks <= checked / 4, checked + " checked, " + kinks + " kinks");
    }
  }

  /**
   * A DCGAN's weights times 20; r3gan's replaced by N(0, 0.5^2) draws (its fix-up layers start at
   * zero, which would leave every residual branch out of the check).
   */
  static void scrambled(NDManager root, Network d) {
    for (var p : d.trainable) {
      NDArray w = p.getValue().getArray();
      if (d.block instanceof R3ganDiscriminator) {
        NDArray r = root.randomNormal(0, 0.5f, w.getShape(), w.getDataType());
        r.copyTo(w);
      } else {
        w.muli(20);
      }
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
      PenaltyInputs in =
          new PenaltyInputs(real, fake, x -> CriticGradient.of(d.block, leaves, x), new Random(9));
      NDArray p = penalty.penalty(in);
      if (backward) {
        gc.backward(p);
      }
      return p;
    }
  }

  /**
   * r3gan's explicit input gradient is autograd's too, at 32 and 64 (a channel change), 2 blocks.
   */
  @Test
  void r3gansExplicitInputGradientIsAutogradsAtItsSizes() {
    for (int s : new int[] {32, 64}) {
      Shape shape = new Shape(2, 3, s, s);
      Engine.getEngine("PyTorch").setRandomSeed(5);
      try (NDManager root = NDManager.newBaseManager(Device.cpu(), "PyTorch");
          Network d =
              Network.create(
                  "d",
                  new R3ganDiscriminator(new R3ganShape(4, s, 2, 4)),
                  shape,
                  DataType.FLOAT64)) {
        scrambled(root, d);
        NDArray x = root.randomUniform(-1, 1, shape, DataType.FLOAT64);
        ParameterStore ps = new ParameterStore(root, false);
        CriticGradient.Result explicit = CriticGradient.of(d.block, ps, x);
        x.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
          NDArray out = d.block.forward(ps, new NDList(x), true).singletonOrThrow();
          gc.backward(out.sum());
          assertArrayEquals(out.toDoubleArray(), explicit.output().toDoubleArray(), 1e-9);
          double[] expected = x.getGradient().toDoubleArray();
          double[] actual = explicit.inputGradient().toDoubleArray();
          double scale = Arrays.stream(expected).map(Math::abs).max().orElse(0);
          assertTrue(scale > 1e-3, s + ": gradients of size " + scale);
          assertArrayEquals(expected, actual, 1e-9 * scale, "r3gan at " + s);
        }
      }
    }
  }

  /**
   * The explicit form agrees with autograd: same output as the block, and the same input gradient
   * as an ordinary backward pass of sum(D(x)), for every size (4, 5 or 6 layers).
   */
  @Test
  void theExplicitInputGradientIsAutogradsForEverySize() {
    for (ModelKind kind : DCGANS) {
      int s = kind.imageSize();
      Shape shape = new Shape(2, 3, s, s);
      Engine.getEngine("PyTorch").setRandomSeed(5);
      try (NDManager root = NDManager.newBaseManager(Device.cpu(), "PyTorch");
          Network d =
              Network.create("d", Dcgan.discriminator(kind, 2, false), shape, DataType.FLOAT64)) {
        d.trainable.forEach(p -> p.getValue().getArray().muli(20));
        NDArray x = root.randomUniform(-1, 1, shape, DataType.FLOAT64);
        ParameterStore ps = new ParameterStore(root, false);
        CriticGradient.Result explicit = CriticGradient.of(d.block, ps, x);
        x.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
          NDArray out = d.block.forward(ps, new NDList(x), true).singletonOrThrow();
          gc.backward(out.sum());
          assertArrayEquals(out.toDoubleArray(), explicit.output().toDoubleArray(), 1e-9);
          double[] expected = x.getGradient().toDoubleArray();
          double[] actual = explicit.inputGradient().toDoubleArray();
          double scale = Arrays.stream(expected).map(Math::abs).max().orElse(0);
          assertTrue(scale > 1e-3, kind + ": gradients of size " + scale);
          assertArrayEquals(expected, actual, 1e-9 * scale, kind.specName());
        }
      }
    }
  }
}
