package dev.atelier.trainers.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;

/**
 * The layers of the progressively grown GAN ({@code progan}; Karras et al. 2018, simplified): per
 * resolution r, G has a block (nearest doubling, 3x3 convolution, LeakyReLU(0.2), pixel norm) and a
 * 1x1 toRGB, D a 1x1 fromRGB and a block (4x4 stride-2 convolution, LeakyReLU(0.2)). Channels halve
 * as the resolution doubles: width * size / (2r) at r (the DCGAN of the same size's widths).
 *
 * <p>Every dense and convolution layer has the paper's equalised learning rate: weights drawn from
 * N(0, 1) ({@link #INIT_STD}) and scaled at run time by He's constant gain / sqrt(fan_in), done
 * here by scaling the layer's input (conv(c x, w) = conv(x, c w)), so Adam's steps are the same
 * size relative to every layer's weights. Without it (N(0, 0.02) weights, as the DCGANs use), the
 * discriminator won outright soon after the first doubling in trials on generated shapes.
 */
final class ProGan {
  static final float SLOPE = 0.2f;

  /** The standard deviation of progan's initial weights (before the run-time scaling). */
  static final float INIT_STD = 1f;

  private static final double SQRT2 = Math.sqrt(2);

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

  /** Multiplies the input by gain / sqrt(fanIn): the equalised learning rate's weight scale. */
  static Block scale(double gain, long fanIn) {
    float c = (float) (gain / Math.sqrt(fanIn));
    return new LambdaBlock(
        in -> new NDList(Scalars.times(in.singletonOrThrow(), c)), "equalisedLr");
  }

  /** A convolution from {@code in} channels with the equalised learning rate. */
  static Block conv(long in, long filters, int kernel, int stride, int pad, double gain) {
    SequentialBlock b = new SequentialBlock();
    b.add(scale(gain, in * kernel * kernel));
    b.add(
        Conv2d.builder()
            .setFilters((int) filters)
            .setKernelShape(new Shape(kernel, kernel))
            .optStride(new Shape(stride, stride))
            .optPadding(new Shape(pad, pad))
            .build());
    return b;
  }

  /** The dense layer from the latent, with the equalised learning rate. */
  static Block dense(long in, long units) {
    SequentialBlock b = new SequentialBlock();
    b.add(scale(SQRT2, in));
    b.add(Linear.builder().setUnits(units).optBias(false).build());
    return b;
  }

  /** toRGB (1x1, gain 1: no activation follows). */
  static Block toRgb(long in) {
    return conv(in, 3, 1, 1, 0, 1);
  }

  /** fromRGB: 1x1 convolution and LeakyReLU. */
  static Block fromRgb(long channels) {
    SequentialBlock b = new SequentialBlock();
    b.add(conv(3, channels, 1, 1, 0, SQRT2));
    b.add(leaky());
    return b;
  }

  /** The final 4x4 convolution of D to one logit, and the flattening. */
  static Block head(long in) {
    SequentialBlock b = new SequentialBlock();
    b.add(conv(in, 1, 4, 1, 0, 1));
    b.add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().reshape(-1, 1)), "flatten"));
    return b;
  }

  /** G's block into a resolution: doubling, 3x3 convolution, LeakyReLU, pixel norm. */
  static Block up(long in, long channels) {
    SequentialBlock b = new SequentialBlock();
    b.add(NearestUpsample.block());
    b.add(conv(in, channels, 3, 1, 1, SQRT2));
    b.add(leaky());
    b.add(pixelNorm());
    return b;
  }

  /** D's block out of a resolution: 4x4 stride-2 convolution to the next channels, LeakyReLU. */
  static Block down(long in, long channels) {
    SequentialBlock b = new SequentialBlock();
    b.add(conv(in, channels, 4, 2, 1, SQRT2));
    b.add(leaky());
    return b;
  }

  /** out = old + alpha * (new - old): the fade between two paths. */
  static NDArray blend(NDArray old, NDArray grown, double alpha) {
    return alpha >= 1 ? grown : old.add(Scalars.times(grown.sub(old), (float) alpha));
  }
}
