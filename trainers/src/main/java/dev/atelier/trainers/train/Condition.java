package dev.atelier.trainers.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * What G and D are conditioned on in one forward pass: nothing, or one class per image as a one-hot
 * (N, classes) array. G takes it as a second input (it embeds it); D takes the image with one
 * constant plane per class appended, so D judges "a real image of this class" and not just "a real
 * image".
 */
final class Condition {
  static final Condition NONE = new Condition(null);

  private final NDArray oneHot;

  private Condition(NDArray oneHot) {
    this.oneHot = oneHot;
  }

  /** One-hot labels for {@code labels} (each in [0, classes)), owned by {@code manager}. */
  static Condition of(NDManager manager, int[] labels, int count, int classes) {
    float[] v = new float[count * classes];
    oneHot(labels, count, classes, v);
    return of(manager.create(v, new Shape(count, classes)));
  }

  static Condition of(NDArray oneHot) {
    return new Condition(oneHot);
  }

  /** Fills {@code out} (count x classes) with the one-hot rows of {@code labels}. */
  static void oneHot(int[] labels, int count, int classes, float[] out) {
    java.util.Arrays.fill(out, 0, count * classes, 0f);
    for (int i = 0; i < count; i++) {
      out[i * classes + labels[i]] = 1;
    }
  }

  boolean isNone() {
    return oneHot == null;
  }

  NDList generatorInput(NDArray z) {
    return oneHot == null ? new NDList(z) : new NDList(z, oneHot);
  }

  /** (N, 3, H, W) -> (N, 3 + classes, H, W). */
  NDArray discriminatorInput(NDArray x) {
    if (oneHot == null) {
      return x;
    }
    Shape s = x.getShape();
    long n = s.get(0);
    long k = oneHot.getShape().get(1);
    NDArray planes = oneHot.reshape(n, k, 1, 1).broadcast(new Shape(n, k, s.get(2), s.get(3)));
    return x.concat(planes, 1);
  }
}
