package dev.atelier.trainers.sr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;

/**
 * The tensor rearrangements SR needs, on (N, C, H, W) arrays. DJL's PyTorch engine has no
 * ConvTranspose and no pixel-shuffle operator, so depth-to-space is a reshape and a transpose.
 */
final class Resampling {
  private Resampling() {}

  /**
   * (N, C, H, W) -> (N, C, H/f, W/f), each output pixel the mean of an f x f block: area
   * downsampling, how the low-resolution inputs are made from the ground truth.
   */
  static NDArray areaDown(NDArray x, int f) {
    Shape s = x.getShape();
    long n = s.get(0);
    long c = s.get(1);
    long h = s.get(2) / f;
    long w = s.get(3) / f;
    // One axis at a time: the PyTorch engine's mean takes a single axis.
    return x.reshape(n, c, h, f, w, f).mean(new int[] {5}).mean(new int[] {3});
  }

  /** (N, C, H, W) -> (N, C, fH, fW), each pixel copied into an f x f block. */
  static NDArray nearestUp(NDArray x, int f) {
    return x.repeat(2, f).repeat(3, f);
  }

  /**
   * Depth-to-space (pixel shuffle, Shi et al. 2016): (N, 4C, H, W) -> (N, C, 2H, 2W); channel c*4 +
   * i*2 + j lands at row offset i and column offset j, as {@code torch.nn.PixelShuffle(2)} does.
   */
  static NDArray pixelShuffle2(NDArray x) {
    Shape s = x.getShape();
    long n = s.get(0);
    long c = s.get(1) / 4;
    long h = s.get(2);
    long w = s.get(3);
    return x.reshape(n, c, 2, 2, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(n, c, 2 * h, 2 * w);
  }

  static LambdaBlock pixelShuffleBlock() {
    return new LambdaBlock(in -> new NDList(pixelShuffle2(in.singletonOrThrow())), "pixelShuffle");
  }

  static LambdaBlock nearestUpBlock(int f) {
    return new LambdaBlock(in -> new NDList(nearestUp(in.singletonOrThrow(), f)), "nearestUp");
  }
}
