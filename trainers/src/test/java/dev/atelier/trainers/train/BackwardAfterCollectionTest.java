package dev.atelier.trainers.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.atelier.trainers.model.CollectedBuffers;
import dev.atelier.trainers.model.CriticGradient;
import dev.atelier.trainers.train.augment.ColorAugment;
import dev.atelier.trainers.train.loss.GradientPenalty;
import dev.atelier.trainers.train.loss.InterpolationPenalty;
import dev.atelier.trainers.train.loss.PenaltyInputs;
import dev.atelier.trainers.train.loss.R1Penalty;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The parts of a DCGAN step that multiply or divide by a constant in D's or G's graph (R1, WGAN-GP,
 * DiffAugment's color) give the same gradients when the JVM collects garbage between the forward
 * and the backward pass, as it may at any moment of a step (see {@code model.Scalars}).
 */
class BackwardAfterCollectionTest {
  private static final Shape IMAGES = new Shape(2, 3, 4, 4);

  /** d loss / d w, where loss = f(w, images) and w is a one-value leaf (2). */
  private static float[] gradient(BiFunction<NDArray, NDArray, NDArray> f, boolean collectBetween)
      throws Exception {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray images = m.create(images(), IMAGES);
      NDArray w = m.create(new float[] {2f});
      w.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
        long before = CollectedBuffers.count();
        NDArray loss = f.apply(w, images);
        if (collectBetween) {
          CollectedBuffers.freeDownTo(before);
        }
        gc.backward(loss);
      }
      return w.getGradient().toFloatArray();
    }
  }

  private static float[] images() {
    Random r = new Random(5);
    float[] v = new float[(int) IMAGES.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextFloat() * 2 - 1;
    }
    return v;
  }

  private static void assertUnchangedByCollection(BiFunction<NDArray, NDArray, NDArray> f)
      throws Exception {
    float[] straight = gradient(f, false);
    assertArrayEquals(straight, gradient(f, true), 1e-5f * Math.abs(straight[0]));
  }

  /** A critic whose input gradient is w * x, so a penalty's gradient reaches w. */
  private static NDArray penalty(GradientPenalty p, NDArray w, NDArray images) {
    PenaltyInputs in =
        new PenaltyInputs(
            images,
            images.neg(),
            x -> new CriticGradient.Result(x.sum(new int[] {1, 2, 3}), x.mul(w)),
            new Random(1));
    return p.penalty(in);
  }

  @Test
  void r1() throws Exception {
    assertUnchangedByCollection((w, x) -> penalty(new R1Penalty(10), w, x));
  }

  @Test
  void wganGp() throws Exception {
    assertUnchangedByCollection((w, x) -> penalty(new InterpolationPenalty(10), w, x));
  }

  @Test
  void colorAugmentation() throws Exception {
    assertUnchangedByCollection(
        (w, x) -> new ColorAugment().apply(x.mul(w), new Random(1)).square().sum());
  }
}
