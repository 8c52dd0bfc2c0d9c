package dev.atelier.trainers.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A BatchNorm-free DCGAN discriminator's output D(x) together with d(sum D)/dx, both written as
 * ordinary differentiable NDArray operations, so that a penalty on the input gradient reaches D's
 * parameters with a single, first-order backward pass.
 *
 * <p>Why not autograd's double backward: DJL 0.35.1's PyTorch engine can run a {@code create_graph}
 * backward, but every parameter leaf then holds a gradient whose graph leads back to it, a
 * reference cycle PyTorch frees only when {@code .grad} is reset to None, which DJL cannot do (nor
 * restrict a backward pass to the inputs, as {@code autograd.grad} does). Each step would leak its
 * graph. The explicit form computes the same quantity exactly: a convolution's input gradient is
 * the transposed convolution of the upstream gradient (zero-insertion by the stride, then a
 * convolution with the kernel flipped and its channel axes swapped), and LeakyReLU's is a 0/1-vs-
 * slope mask, constant in the parameters almost everywhere, as autograd also treats it.
 */
public final class CriticGradient {
  private CriticGradient() {}

  /** D's output (N, 1), and d(sum output)/d(input) shaped like the input. */
  public record Result(NDArray output, NDArray inputGradient) {}

  /** How one layer maps an upstream gradient to its input's gradient. */
  private interface Backward {
    NDArray apply(NDArray upstream);
  }

  /**
   * @param discriminator a block from {@link
   *     Dcgan#discriminator(dev.atelier.trainers.spec.ModelKind, int, boolean)} with {@code
   *     batchNorm} false
   * @param params the parameter values to use (e.g. this step's autograd leaves)
   */
  public static Result of(Block discriminator, ParameterStore params, NDArray x) {
    if (discriminator instanceof ExplicitInputGradient e) {
      return e.withInputGradient(params, x);
    }
    Deque<Backward> backward = new ArrayDeque<>();
    NDArray y = x;
    for (Pair<String, Block> child : discriminator.getChildren()) {
      Block b = child.getValue();
      if (b instanceof Conv2d conv) {
        y = convolution(conv, params, y, backward);
      } else if (b instanceof LambdaBlock l && l.getName().equals(Dcgan.LEAKY_RELU)) {
        // 1 where the input is positive, the slope elsewhere, exactly as autograd's
        // leaky_relu_backward; no gradient flows through it.
        NDArray ones = y.onesLike();
        NDArray mask = NDArrays.where(y.gt(0), ones, ones.mul(Dcgan.LEAKY_SLOPE));
        y = Activation.leakyRelu(y, Dcgan.LEAKY_SLOPE);
        backward.push(g -> g.mul(mask));
      } else if (b instanceof LambdaBlock l && l.getName().equals(Dcgan.FLATTEN)) {
        Shape in = y.getShape();
        y = y.reshape(in.get(0), -1);
        backward.push(g -> g.reshape(in));
      } else {
        throw new UnsupportedOperationException(
            "no explicit input gradient for "
                + child.getKey()
                + " ("
                + b
                + "); a penalised"
                + " discriminator has only convolutions, LeakyReLU and the final flatten");
      }
    }
    NDArray g = y.onesLike();
    while (!backward.isEmpty()) {
      g = backward.pop().apply(g);
    }
    return new Result(y, g);
  }

  private static NDArray convolution(
      Conv2d conv, ParameterStore params, NDArray x, Deque<Backward> backward) {
    if (!conv.getDilation().equals(new Shape(1, 1))) {
      throw new UnsupportedOperationException("dilated convolution " + conv);
    }
    NDArray w = params.getValue(parameter(conv, "weight"), x.getDevice(), true);
    Parameter biasParam = parameter(conv, "bias");
    NDArray bias = biasParam == null ? null : params.getValue(biasParam, x.getDevice(), true);
    Shape stride = conv.getStride();
    Shape pad = conv.getPadding();
    Shape in = x.getShape();
    NDArray y = Conv2d.conv2d(x, w, bias, stride, pad, new Shape(1, 1)).singletonOrThrow();
    backward.push(g -> transposed(g, w, stride, pad, in));
    return y;
  }

  private static Parameter parameter(Conv2d conv, String name) {
    for (Pair<String, Parameter> p : conv.getParameters()) {
      if (p.getKey().equals(name)) {
        return p.getValue();
      }
    }
    return null;
  }

  /** The transposed convolution of {@code g} with {@code w}: the forward's input gradient. */
  /** Also R3GAN's reference upsampler ({@code R3ganLayersTest}). */
  static NDArray transposed(NDArray g, NDArray w, Shape stride, Shape pad, Shape in) {
    long kh = w.getShape().get(2);
    long kw = w.getShape().get(3);
    // Rows (and columns) of the input the forward never reached get a zero gradient: the
    // transposed convolution's "output padding".
    long extraH = (in.get(2) + 2 * pad.get(0) - kh) % stride.get(0);
    long extraW = (in.get(3) + 2 * pad.get(1) - kw) % stride.get(1);
    NDArray spread = spread(spread(g, 2, stride.get(0), extraH), 3, stride.get(1), extraW);
    NDArray flipped = w.flip(2, 3).transpose(1, 0, 2, 3);
    return Conv2d.conv2d(
            spread,
            flipped,
            null,
            new Shape(1, 1),
            new Shape(kh - 1 - pad.get(0), kw - 1 - pad.get(1)),
            new Shape(1, 1))
        .singletonOrThrow();
  }

  /**
   * Inserts {@code stride - 1} zeros between neighbours along {@code axis} (2 or 3), and {@code
   * extra} zeros after the last: n values become (n - 1) * stride + 1 + extra.
   */
  private static NDArray spread(NDArray g, int axis, long stride, long extra) {
    if (stride == 1 && extra == 0) {
      return g;
    }
    Shape s = g.getShape();
    long n = s.get(axis);
    NDArray x = g.expandDims(axis + 1);
    Shape zeros = x.getShape().slice(0, axis + 1).addAll(new Shape(stride - 1));
    zeros = zeros.addAll(x.getShape().slice(axis + 2));
    if (stride > 1) {
      x = x.concat(g.getManager().zeros(zeros, g.getDataType()), axis + 1);
    }
    long[] dims = s.getShape().clone();
    dims[axis] = n * stride;
    x = x.reshape(new Shape(dims));
    long keep = (n - 1) * stride + 1 + extra;
    if (keep > n * stride) { // only when stride is 1 and extra > 0
      long[] more = s.getShape().clone();
      more[axis] = keep - n * stride;
      x = x.concat(g.getManager().zeros(new Shape(more), g.getDataType()), axis);
    }
    String index = axis == 2 ? ":, :, :" + keep : ":, :, :, :" + keep;
    return x.get(new NDIndex(index));
  }
}
