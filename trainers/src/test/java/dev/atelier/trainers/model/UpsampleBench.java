package dev.atelier.trainers.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Nearest doubling as two repeats vs one interpolation: forward + backward of the generator's
 * upsampling inputs at DCGAN-64 sizes (batch 64), median ms over rounds. Not a test; run with
 * {@code java -cp trainers/target/test-classes:trainers/target/classes:$(cat
 * trainers/target/classpath.txt) dev.atelier.trainers.model.UpsampleBench}.
 */
public final class UpsampleBench {
  private UpsampleBench() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    UnaryOperator<NDArray> repeats = x -> x.repeat(2, 2).repeat(3, 2);
    UnaryOperator<NDArray> interpolation = x -> NearestUpsample.apply(x, 2);
    Shape[] shapes = {
      new Shape(64, 256, 8, 8), new Shape(64, 128, 16, 16), new Shape(64, 64, 32, 32)
    };
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      for (Shape s : shapes) {
        NDArray x = m.randomNormal(s);
        // Alternating rounds, so a change in the machine's load hits both alike.
        double[] ra = new double[rounds];
        double[] rb = new double[rounds];
        for (int i = 0; i < rounds; i++) {
          ra[i] = median(time(m, x, repeats, 3));
          rb[i] = median(time(m, x, interpolation, 3));
        }
        double a = median(ra);
        double b = median(rb);
        System.out.printf(
            Locale.ROOT, "%s: repeats %.2f ms, interpolation %.2f ms (%.2fx)%n", s, a, b, a / b);
      }
    }
  }

  private static double[] time(NDManager m, NDArray x, UnaryOperator<NDArray> up, int rounds) {
    double[] ms = new double[rounds];
    for (int i = -1; i < rounds; i++) {
      try (NDManager sm = m.newSubManager()) {
        NDArray leaf = x.duplicate();
        leaf.attach(sm);
        leaf.setRequiresGradient(true);
        long t0 = System.nanoTime();
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
          NDArray y = up.apply(leaf);
          gc.backward(y.mul(y).sum());
        }
        leaf.getGradient().sum().getFloat();
        if (i >= 0) {
          ms[i] = (System.nanoTime() - t0) / 1e6;
        }
      }
    }
    return ms;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
