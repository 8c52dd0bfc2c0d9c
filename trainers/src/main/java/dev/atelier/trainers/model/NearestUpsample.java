package dev.atelier.trainers.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;

/**
 * (N, C, H, W) -> (N, C, fH, fW), each pixel copied into an f x f block. One nearest-neighbour
 * interpolation (PyTorch's {@code upsample_nearest2d}) rather than two {@code repeat}s: the same
 * values, but the repeats' backward is a strided sum that cost ~10% of a DCGAN step
 * (bench/README.md; {@code UpsampleBench} times the two).
 */
public final class NearestUpsample {
  /** {@code NDArrayEx.interpolation}'s mode for nearest neighbour. */
  private static final int NEAREST = 0;

  private NearestUpsample() {}

  static LambdaBlock block() {
    return new LambdaBlock(in -> new NDList(apply(in.singletonOrThrow(), 2)), "nearestUpsample");
  }

  public static NDArray apply(NDArray x, int factor) {
    if (factor == 1) {
      return x;
    }
    Shape s = x.getShape();
    return x.getNDArrayInternal()
        .interpolation(new long[] {s.get(2) * factor, s.get(3) * factor}, NEAREST, false);
  }
}
