package dev.atelier.trainers.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;

/**
 * The layers of the progressively grown GAN ({@code progan}; Karras et al. 2018, simplified): per
 * resolution r, G has a block (nearest doubling, 3x3 convolution, LeakyReLU(0.2), pixel norm) and a
 * 1x1 toRGB, D a 1x1 fromRGB and a block (4x4 stride-2 convolution, LeakyReLU(0.2)). Channels halve
 * as the resolution doubles: width * size / (2r) at r (the DCGAN of the same size's widths).
 */
final class ProGan {
  static final float SLOPE = 0.2f;

  private ProGan() {}

  /**
   * Channels at resolution {@code r} of a network of base width {@code width} for size {@code
   * size}.
   */
  static long channels(int width, int size, int r) {
    return Math.max(1, (long) width * size / (2L * r));
  }

  static Block leaky() {
    return Activation.leakyReluBlock(SLOPE);
  }

  /** Each pixel's feature vector scaled to unit mean square (ProGAN's pixelwise normalisation). */
  static Block pixelNorm() {
    return new LambdaBlock(
        in -> {
          NDArray x = in.singletonOrThrow();
          return new NDList(x.div(x.square().mean(new int[] {1}, true).add(1e-8f).sqrt()));
        },
        "pixelNorm");
  }

  static Conv2d conv(long filters, int kernel, int stride, int pad) {
    return Conv2d.builder()
        .setFilters((int) filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(pad, pad))
        .build();
  }

  /** G's block into resolution r: doubling, 3x3 convolution, LeakyReLU, pixel norm. */
  static Block up(long channels) {
    SequentialBlock b = new SequentialBlock();
    b.add(NearestUpsample.block());
    b.add(conv(channels, 3, 1, 1));
    b.add(leaky());
    b.add(pixelNorm());
    return b;
  }

  /** D's block out of resolution r: 4x4 stride-2 convolution to the next channels, LeakyReLU. */
  static Block down(long channels) {
    SequentialBlock b = new SequentialBlock();
    b.add(conv(channels, 4, 2, 1));
    b.add(leaky());
    return b;
  }

  /** NCHW sizes r -> log2. */
  static int log2(int r) {
    return Integer.numberOfTrailingZeros(r);
  }

  /** out = old + alpha * (new - old): the fade between two paths. */
  static NDArray blend(NDArray old, NDArray grown, double alpha) {
    return alpha >= 1 ? grown : old.add(grown.sub(old).mul((float) alpha));
  }
}
