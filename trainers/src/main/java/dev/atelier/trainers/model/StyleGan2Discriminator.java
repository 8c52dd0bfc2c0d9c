package dev.atelier.trainers.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * StyleGAN2's residual discriminator ({@code stylegan2}; the reference's {@code DiscriminatorBlock}
 * with {@code architecture='resnet'} and {@code DiscriminatorEpilogue}): a 1x1 fromRGB at the image
 * size, then per resolution down to 8x8 a block x' = sqrt(1/2) (conv3x3 -> conv3x3 and downsample)
 * + sqrt(1/2) (downsample -> 1x1 conv, no bias), and at 4x4 minibatch standard deviation (groups of
 * up to 4, one feature), a 3x3 convolution, a dense layer and a dense logit. Every layer has an
 * equalised learning rate; activations are LeakyReLU(0.2) times sqrt(2). Input (N, 3, size, size);
 * output (N, 1).
 *
 * <p>Its input gradient comes with its output as differentiable operations ({@link
 * ExplicitInputGradient}), minibatch standard deviation's included, so lazy R1 reaches its
 * parameters through one ordinary backward pass.
 */
public final class StyleGan2Discriminator extends AbstractBlock implements ExplicitInputGradient {
  /** The reference's {@code mbstd_group_size}. */
  public static final int MBSTD_GROUP = 4;

  private static final float HALF_GAIN = (float) Math.sqrt(0.5);

  private final StyleGan2Shape shape;
  private final Parameter fromRgbW;
  private final Parameter fromRgbB;
  private final List<Parameter[]> blocks = new ArrayList<>();
  private final Parameter epiConvW;
  private final Parameter epiConvB;
  private final Parameter fcW;
  private final Parameter fcB;
  private final Parameter outW;
  private final Parameter outB;

  public StyleGan2Discriminator(StyleGan2Shape shape) {
    super((byte) 1);
    this.shape = shape;
    int top = shape.channels(shape.imageSize());
    fromRgbW = addParameter(StyleGan2Layers.weight("from_rgb_w", new Shape(top, 3, 1, 1), 1));
    fromRgbB = addParameter(StyleGan2Layers.bias("from_rgb_b", top, 0));
    List<Integer> res = shape.resolutions();
    for (int i = res.size() - 1; i >= 1; i--) {
      int r = res.get(i);
      int c = shape.channels(r);
      int out = shape.channels(r / 2);
      String p = "b" + r;
      blocks.add(
          new Parameter[] {
            addParameter(StyleGan2Layers.weight(p + "_conv0_w", new Shape(c, c, 3, 3), 1)),
            addParameter(StyleGan2Layers.bias(p + "_conv0_b", c, 0)),
            addParameter(StyleGan2Layers.weight(p + "_conv1_w", new Shape(out, c, 3, 3), 1)),
            addParameter(StyleGan2Layers.bias(p + "_conv1_b", out, 0)),
            addParameter(StyleGan2Layers.weight(p + "_skip_w", new Shape(out, c, 1, 1), 1))
          });
    }
    int c4 = shape.channels(4);
    epiConvW = addParameter(StyleGan2Layers.weight("b4_conv_w", new Shape(c4, c4 + 1, 3, 3), 1));
    epiConvB = addParameter(StyleGan2Layers.bias("b4_conv_b", c4, 0));
    fcW = addParameter(StyleGan2Layers.weight("b4_fc_w", new Shape(c4, c4 * 16L), 1));
    fcB = addParameter(StyleGan2Layers.bias("b4_fc_b", c4, 0));
    outW = addParameter(StyleGan2Layers.weight("b4_out_w", new Shape(1, c4), 1));
    outB = addParameter(StyleGan2Layers.bias("b4_out_b", 1, 0));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(run(ps, inputs.head(), training, null));
  }

  @Override
  public CriticGradient.Result withInputGradient(ParameterStore ps, NDArray x) {
    GradientTape tape = new GradientTape();
    NDArray out = run(ps, x, true, tape);
    return new CriticGradient.Result(out, tape.back(out.onesLike()));
  }

  private NDArray run(ParameterStore ps, NDArray image, boolean training, GradientTape tape) {
    NDArray x = conv(ps, image, fromRgbW, training, tape);
    x = biasAct(x, v(ps, fromRgbB, image, training), 1, tape);
    for (Parameter[] b : blocks) {
      NDArray in = x;
      GradientTape skipTape = tape == null ? null : new GradientTape();
      NDArray y = R3ganLayers.downsample(in, skipTape);
      y = conv(ps, y, b[4], training, skipTape);
      y = gain(y, HALF_GAIN, skipTape);
      GradientTape mainTape = tape == null ? null : new GradientTape();
      NDArray m = conv(ps, in, b[0], training, mainTape);
      m = biasAct(m, v(ps, b[1], in, training), 1, mainTape);
      m = conv(ps, m, b[2], training, mainTape);
      m = R3ganLayers.downsample(m, mainTape);
      m = biasAct(m, v(ps, b[3], in, training), HALF_GAIN, mainTape);
      if (tape != null) {
        tape.record(g -> skipTape.back(g).add(mainTape.back(g)));
      }
      x = y.add(m);
    }
    x = minibatchStd(x, tape);
    x = conv(ps, x, epiConvW, training, tape);
    x = biasAct(x, v(ps, epiConvB, image, training), 1, tape);
    Shape s = x.getShape();
    x = x.reshape(s.get(0), -1);
    if (tape != null) {
      tape.record(g -> g.reshape(s));
    }
    x = dense(ps, x, fcW, training, tape);
    x = biasAct(x, v(ps, fcB, image, training), 1, tape);
    x = dense(ps, x, outW, training, tape);
    return x.add(v(ps, outB, image, training).reshape(1, 1));
  }

  private static NDArray conv(
      ParameterStore ps, NDArray x, Parameter w, boolean training, GradientTape tape) {
    return R3ganLayers.conv(x, StyleGan2Layers.scaled(v(ps, w, x, training), 1), 1, tape);
  }

  private static NDArray dense(
      ParameterStore ps, NDArray x, Parameter w, boolean training, GradientTape tape) {
    return R3ganLayers.dense(x, StyleGan2Layers.scaled(v(ps, w, x, training), 1), tape);
  }

  private static NDArray gain(NDArray x, float gain, GradientTape tape) {
    if (tape != null) {
      tape.record(g -> Scalars.times(g, gain));
    }
    return Scalars.times(x, gain);
  }

  /** LeakyReLU(0.2) of x + bias (per channel, axis 1) times sqrt(2) times {@code gain}. */
  private static NDArray biasAct(NDArray x, NDArray bias, float gain, GradientTape tape) {
    long[] dims = new long[x.getShape().dimension()];
    java.util.Arrays.fill(dims, 1);
    dims[1] = -1;
    NDArray z = x.add(bias.reshape(new Shape(dims)));
    float k = StyleGan2Layers.LRELU_GAIN * gain;
    if (tape != null) {
      NDArray ones = z.onesLike().stopGradient();
      NDArray mask = NDArrays.where(z.gt(0), ones, ones.mul(StyleGan2Layers.SLOPE));
      tape.record(g -> Scalars.times(g.mul(mask), k));
    }
    return Scalars.times(Activation.leakyRelu(z, StyleGan2Layers.SLOPE), k);
  }

  /**
   * The reference's {@code MinibatchStdLayer} with one feature: images n and n + M, n + 2M, ...
   * (groups of G = min(4, N), M = N / G) share the mean over channels and pixels of their standard
   * deviation (sqrt(var + 1e-8) over the group), appended as one more channel. Its input gradient:
   * with U the sum of the upstream gradient over that channel's pixels and the group, image i gets
   * U (x_i - mean) / (G std C H W) on top of its own channels' gradient.
   */
  public static NDArray minibatchStd(NDArray x) {
    return minibatchStd(x, null);
  }

  static NDArray minibatchStd(NDArray x, GradientTape tape) {
    Shape s = x.getShape();
    long n = s.get(0);
    long c = s.get(1);
    long h = s.get(2);
    long w = s.get(3);
    long g = Math.min(MBSTD_GROUP, n);
    if (n % g != 0) {
      throw new IllegalArgumentException(
          "minibatch standard deviation: a batch of " + n + " is not a multiple of " + g);
    }
    long m = n / g;
    NDArray y = x.reshape(g, m, c, h, w);
    NDArray d = y.sub(y.mean(new int[] {0}, true));
    NDArray std = d.square().mean(new int[] {0}).add(1e-8f).sqrt(); // (M, C, H, W)
    NDArray feature = std.reshape(m, -1).mean(new int[] {1}); // (M)
    NDArray plane =
        feature.reshape(1, m, 1, 1, 1).broadcast(new Shape(g, m, 1, h, w)).reshape(n, 1, h, w);
    if (tape != null) {
      tape.record(
          up -> {
            NDArray own = up.get(":, 0:" + c);
            NDArray u = up.get(":, " + c + ":").reshape(g, m, h, w).sum(new int[] {0, 2, 3});
            NDArray extra =
                Scalars.dividedBy(
                    d.div(std.expandDims(0)).mul(u.reshape(1, m, 1, 1, 1)),
                    (float) (g * c * h * w));
            return own.add(extra.reshape(n, c, h, w));
          });
    }
    return x.concat(plane, 1);
  }

  private static NDArray v(ParameterStore ps, Parameter p, NDArray like, boolean training) {
    return ParameterViews.value(ps, p, like, training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
  }
}
