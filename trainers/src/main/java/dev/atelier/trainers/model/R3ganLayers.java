package dev.atelier.trainers.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;

/**
 * R3GAN's layers as functions of their parameter values, each optionally recording its input
 * gradient on a {@link GradientTape}: bias-free convolutions (grouped or not) with MSR
 * initialisation, a bias followed by LeakyReLU(0.2) (R3GAN's "biased activation"), and the
 * interpolative resamplers, whose low-pass filter is [1, 3, 3, 1] x [1, 3, 3, 1] / 64 (R3GAN's [1,
 * 2, 1] convolved with [1, 1]) with zero padding, as the reference's {@code upfirdn2d}.
 */
final class R3ganLayers {
  static final float SLOPE = 0.2f;

  /** The gain that keeps LeakyReLU(0.2)'s output variance: sqrt(2 / (1 + 0.2^2)). */
  static final double ACTIVATION_GAIN = Math.sqrt(2 / (1 + SLOPE * SLOPE));

  private R3ganLayers() {}

  /**
   * A weight drawn from N(0, (gain / sqrt(fan_in))^2) (R3GAN's MSRInitializer), or zeros for gain 0
   * (the last layer of each residual block: the fix-up initialisation that starts every block as
   * the identity). Its type is {@code OTHER}, so the trainer's default initialiser for {@code
   * WEIGHT} parameters leaves it alone.
   */
  static Parameter weight(String name, Shape shape, double gain, long fanIn) {
    Initializer init =
        gain == 0 ? Initializer.ZEROS : new NormalInitializer((float) (gain / Math.sqrt(fanIn)));
    return Parameter.builder()
        .setName(name)
        .setType(Parameter.Type.OTHER)
        .optShape(shape)
        .optInitializer(init)
        .build();
  }

  /** A convolution weight (out, in / groups, k, k) with its MSR initialisation. */
  static Parameter conv(String name, long in, long out, int kernel, int groups, double gain) {
    return weight(
        name, new Shape(out, in / groups, kernel, kernel), gain, in / groups * kernel * kernel);
  }

  static Parameter bias(String name, long channels) {
    return Parameter.builder()
        .setName(name)
        .setType(Parameter.Type.BIAS)
        .optShape(new Shape(channels))
        .build();
  }

  /** A stride-1 convolution with "same" padding and no bias. */
  static NDArray conv(NDArray x, NDArray w, int groups, GradientTape tape) {
    long k = w.getShape().get(2);
    Shape pad = new Shape((k - 1) / 2, (k - 1) / 2);
    Shape one = new Shape(1, 1);
    NDArray y = Conv2d.conv2d(x, w, null, one, pad, one, groups).singletonOrThrow();
    if (tape != null) {
      // The input gradient of a stride-1 "same" convolution is the same convolution with the
      // kernel flipped and, within each group, its two channel axes swapped.
      tape.record(g -> Conv2d.conv2d(g, transposed(w, groups), null, one, pad, one, groups).get(0));
    }
    return y;
  }

  /** (out, in / G, k, k) -> (in, out / G, k, k), flipped: the weight of the input gradient. */
  private static NDArray transposed(NDArray w, int groups) {
    Shape s = w.getShape();
    long out = s.get(0);
    long inPerGroup = s.get(1);
    return w.reshape(groups, out / groups, inPerGroup, s.get(2), s.get(3))
        .transpose(0, 2, 1, 3, 4)
        .reshape(groups * inPerGroup, out / groups, s.get(2), s.get(3))
        .flip(2, 3);
  }

  /** LeakyReLU(0.2) of x + bias (per channel). */
  static NDArray biasedActivation(NDArray x, NDArray bias, GradientTape tape) {
    NDArray z = x.add(bias.reshape(1, -1, 1, 1));
    if (tape != null) {
      // 1 where the input is positive, the slope elsewhere: constant in the parameters almost
      // everywhere, as autograd treats it.
      NDArray ones = z.onesLike().stopGradient();
      NDArray mask = NDArrays.where(z.gt(0), ones, ones.mul(SLOPE));
      tape.record(g -> g.mul(mask));
    }
    return Activation.leakyRelu(z, SLOPE);
  }

  /** x (N, in) times w (out, in) transposed: a bias-free dense layer. */
  static NDArray dense(NDArray x, NDArray w, GradientTape tape) {
    if (tape != null) {
      tape.record(g -> g.matMul(w));
    }
    return x.matMul(w.transpose());
  }

  /**
   * Halves the resolution: the low-pass filter, then every second pixel (R3GAN's {@code
   * downsample2d}), as one depthwise stride-2 convolution (a group per channel). Its input gradient
   * is {@link #upsample} / 4 (the upsampler is 4 times its transpose), which costs a fraction of
   * the convolution's own transpose (zero insertion, then a 4x4 convolution).
   *
   * <p>Depthwise rather than a one-channel convolution over (N * C, 1, H, W): the same numbers, but
   * oneDNN's backward pass of the one-channel form took ~18% of a stylegan2-64 training step's CPU
   * (its strided brgemm kernel, mostly per-call index bookkeeping), and at (32, 64, 32, 32) forward
   * and backward took 53-70 ms against 6 ms depthwise (PyTorch 2.7.1, 2 threads; bench/README.md).
   */
  static NDArray downsample(NDArray x, GradientTape tape) {
    long c = x.getShape().get(1);
    NDArray y =
        Conv2d.conv2d(
                x,
                filter(x).repeat(0, c),
                null,
                new Shape(2, 2),
                new Shape(1, 1),
                new Shape(1, 1),
                (int) c)
            .singletonOrThrow();
    if (tape != null) {
      tape.record(g -> Scalars.times(upsample(g), 0.25f));
    }
    return y;
  }

  /**
   * The 4x4 filter, (1, 1, 4, 4), in x's type, in memory the engine owns (a constant in a
   * differentiated graph must not lie over a Java buffer, see {@link Scalars}).
   */
  private static NDArray filter(NDArray like) {
    float[] taps = {1, 3, 3, 1};
    float[] k = new float[16];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        k[i * 4 + j] = taps[i] * taps[j] / 64f;
      }
    }
    NDArray owned;
    try (NDArray raw = like.getManager().create(k, new Shape(1, 1, 4, 4))) {
      owned = raw.duplicate();
    }
    return owned.getDataType() == like.getDataType()
        ? owned
        : owned.toType(like.getDataType(), false);
  }

  /**
   * Doubles the resolution (R3GAN's {@code upsample2d}: zeros between the pixels, then the filter
   * with gain 4). Per axis, out[2i] = (x[i-1] + 3 x[i]) / 4 and out[2i+1] = (3 x[i] + x[i+1]) / 4,
   * zero beyond the edges: the same numbers without the zeros' multiplications.
   */
  static NDArray upsample(NDArray x) {
    return twice(twice(x, 2), 3);
  }

  private static NDArray twice(NDArray x, int axis) {
    NDArray centre = Scalars.times(x, 0.75f);
    NDArray even = centre.add(Scalars.times(shift(x, axis, 1), 0.25f));
    NDArray odd = centre.add(Scalars.times(shift(x, axis, -1), 0.25f));
    Shape s = x.getShape();
    long[] dims = s.getShape().clone();
    dims[axis] *= 2;
    return even.stack(odd, axis + 1).reshape(new Shape(dims));
  }

  /**
   * x moved by {@code by} (1 or -1) pixels along {@code axis} (2 or 3), zeros coming in: out[i] =
   * x[i - by].
   */
  private static NDArray shift(NDArray x, int axis, int by) {
    Shape s = x.getShape();
    long n = s.get(axis);
    long[] one = s.getShape().clone();
    one[axis] = 1;
    NDArray zeros = x.getManager().zeros(new Shape(one), x.getDataType());
    String pre = axis == 2 ? ":, :, " : ":, :, :, ";
    return by > 0
        ? zeros.concat(x.get(pre + "0:" + (n - 1)), axis)
        : x.get(pre + "1:" + n).concat(zeros, axis);
  }
}
