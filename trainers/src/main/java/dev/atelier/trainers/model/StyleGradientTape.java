package dev.atelier.trainers.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;

/**
 * One stylegan2 synthesis pass together with the means to compute d(sum(images * y))/d ws for any y
 * — J_wᵀ y, what the path-length penalty measures — as ordinary differentiable NDArray operations,
 * so that a penalty on it reaches G's parameters through one first-order backward pass (see {@link
 * CriticGradient} for why not autograd's {@code create_graph} double backward: DJL cannot free the
 * graphs it leaves on the parameters' gradients).
 *
 * <p>Each layer records the map from the gradient at its output to the gradient at its input and at
 * its style vector. The modulated convolutions are taken in the reference's non-fused form (what it
 * trains with): conv(x · s, weight), with demodulation each output channel divided by n = sqrt(Σᵢ
 * sᵢ² Σₖ weight[o, i, k]² + 1e-8) — the same function as {@link StyleGan2Generator#modulatedConv}'s
 * fused form. Its backward, for upstream g: u = conv(x · s, weight), g_u = g / n; x · s gets the
 * transposed convolution of g_u; x gets that times s; s gets Σ_pixels (that · x) − sᵢ Σ_o (Σ_pixels
 * g u / n³)[o] Σₖ weight[o, i, k]²; the style's affine layer passes it back to w. LeakyReLU's mask
 * is a constant almost everywhere, as autograd treats it; the [1, 3, 3, 1] upsampler's transpose is
 * 4 times the matching downsampler. The toRGB outputs add into the upsampled image so far, so the
 * image's gradient reaches every resolution's toRGB.
 */
public final class StyleGradientTape {
  private static final float DEMOD_EPS = 1e-8f;

  /** One layer's backward: from the gradient at its output (x or image) to {input's, style's}. */
  private record Op(
      int style, boolean toRgb, boolean upsampledImage, Function<NDArray, Grads> back) {}

  /** A layer's input gradient (null where not needed) and its style vector's (N, w_dim). */
  record Grads(NDArray input, NDArray style) {}

  /** A modulated convolution's output and its backward, from g at the output to {x's, s's}. */
  record Modulated(NDArray out, Function<NDArray, Grads> back) {}

  private final Deque<Op> ops = new ArrayDeque<>();
  private final int numWs;
  private NDArray images;

  StyleGradientTape(int numWs) {
    this.numWs = numWs;
  }

  /** The pass's images (N, 3, size, size). */
  public NDArray images() {
    return images;
  }

  void images(NDArray images) {
    this.images = images;
  }

  /**
   * d(sum(images * upstream))/d ws, (N, numWs, w_dim), differentiable in G's parameters and in ws.
   */
  public NDArray styleGradient(NDArray upstream) {
    NDArray[] perStyle = new NDArray[numWs];
    NDArray gImage = upstream;
    NDArray gx = null;
    for (Op op : ops) { // last layer first
      if (op.toRgb()) {
        Grads g = op.back().apply(gImage);
        gx = gx == null ? g.input() : gx.add(g.input());
        add(perStyle, op.style(), g.style());
        if (op.upsampledImage()) {
          gImage = upsampleTransposed(gImage);
        }
      } else {
        Grads g = op.back().apply(gx);
        gx = g.input();
        add(perStyle, op.style(), g.style());
      }
    }
    return NDArrays.stack(new NDList(perStyle), 1);
  }

  private static void add(NDArray[] perStyle, int i, NDArray g) {
    perStyle[i] = perStyle[i] == null ? g : perStyle[i].add(g);
  }

  /**
   * A synthesis layer: its output is LeakyReLU(pre) · √2, pre = the modulated convolution (of the
   * upsampled input when {@code up}) + noise + bias.
   *
   * @param affine the style's affine weight as applied (equalised), (in, w_dim)
   * @param needInput false for the first layer, whose input (the learned constant) needs no
   *     gradient
   */
  void layer(
      int style, NDArray pre, Modulated conv, boolean up, NDArray affine, boolean needInput) {
    NDArray ones = pre.onesLike().stopGradient();
    NDArray mask =
        Scalars.times(
            NDArrays.where(pre.gt(0), ones, ones.mul(StyleGan2Layers.SLOPE)),
            StyleGan2Layers.LRELU_GAIN);
    ops.push(
        new Op(
            style,
            false,
            false,
            g -> {
              Grads c = conv.back().apply(g.mul(mask));
              NDArray in = !needInput ? null : up ? upsampleTransposed(c.input()) : c.input();
              return new Grads(in, c.style().matMul(affine));
            }));
  }

  /**
   * A toRGB layer, whose output is added to the image so far ({@code upsampledImage}: upsampled
   * first, every resolution but 4x4).
   *
   * @param styleGain the constant its affine output is multiplied by (1 / √in)
   */
  void toRgb(int style, Modulated conv, float styleGain, NDArray affine, boolean upsampledImage) {
    ops.push(
        new Op(
            style,
            true,
            upsampledImage,
            g -> {
              Grads c = conv.back().apply(g);
              return new Grads(c.input(), Scalars.times(c.style(), styleGain).matMul(affine));
            }));
  }

  /**
   * The non-fused modulated convolution with its backward (see the class comment): x (N, in, H, W),
   * weight (out, in, k, k), styles (N, in).
   */
  static Modulated modulated(NDArray x, NDArray weight, NDArray styles, boolean demodulate) {
    Shape s = x.getShape();
    long n = s.get(0);
    long cin = s.get(1);
    long cout = weight.getShape().get(0);
    NDArray sr = styles.reshape(n, cin, 1, 1);
    GradientTape convTape = new GradientTape();
    NDArray u = R3ganLayers.conv(x.mul(sr), weight, 1, convTape);
    if (!demodulate) {
      return new Modulated(
          u,
          g -> {
            NDArray gxs = convTape.back(g);
            return new Grads(gxs.mul(sr), gxs.mul(x).sum(new int[] {2, 3}));
          });
    }
    NDArray wsq = weight.square().sum(new int[] {2, 3}); // (out, in)
    NDArray norm = styles.square().matMul(wsq.transpose()).add(DEMOD_EPS).sqrt(); // (N, out)
    NDArray nr = norm.reshape(n, cout, 1, 1);
    return new Modulated(
        u.div(nr),
        g -> {
          NDArray gxs = convTape.back(g.div(nr));
          NDArray c = g.mul(u).sum(new int[] {2, 3}).div(norm.square().mul(norm));
          NDArray gs = gxs.mul(x).sum(new int[] {2, 3}).sub(styles.mul(c.matMul(wsq)));
          return new Grads(gxs.mul(sr), gs);
        });
  }

  /** The transpose of {@link R3ganLayers#upsample}: 4 times {@link R3ganLayers#downsample}. */
  private static NDArray upsampleTransposed(NDArray g) {
    return Scalars.times(R3ganLayers.downsample(g, null), 4f);
  }
}
