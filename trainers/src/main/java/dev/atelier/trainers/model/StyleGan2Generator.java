package dev.atelier.trainers.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * StyleGAN2's generator ({@code stylegan2}; Karras et al. 2020, as NVlabs/stylegan2-ada-pytorch's
 * {@code training/networks.py}): a mapping network of {@code mappingLayers} equalised dense layers
 * (learning-rate multiplier 0.01, LeakyReLU) from the normalised z to w, whose running mean {@code
 * w_avg} (decay 0.995) is the centre of truncation; then a learned 4x4 constant and, per
 * resolution, modulated and demodulated 3x3 convolutions (the style of each from w through its own
 * affine layer, bias 1), per-layer noise scaled by a learned strength (starting at 0), a bias and
 * LeakyReLU, and a skip-style output: each resolution's toRGB (a modulated 1x1 convolution without
 * demodulation) added to the upsampled image so far.
 *
 * <p>In training, {@link #draws(Random)} supplies the step's randomness: style mixing (with
 * probability {@link #styleMixing(double)}, by default {@link #MIXING_PROBABILITY}, the styles from
 * a random cut-off on come from a second latent) and the per-layer noise. In inference the noise is
 * a fixed map per layer (the reference's {@code noise_mode='const'}) and there is no mixing, so an
 * image is a function of z alone; {@link #truncation(double)} pulls w towards {@code w_avg}.
 *
 * <p>Where the reference's upsampling layer is a stride-2 transposed convolution followed by the
 * [1, 3, 3, 1] low-pass filter, this one upsamples with that filter first and then convolves: the
 * same two linear maps in the other order, which differ only at the borders.
 */
public final class StyleGan2Generator extends AbstractBlock {
  public static final double MAPPING_LR_MUL = 0.01;
  public static final double MIXING_PROBABILITY = 0.9;
  static final float W_AVG_BETA = 0.995f;
  private static final float DEMOD_EPS = 1e-8f;

  private final int latentDim;
  private final int wDim;
  private final StyleGan2Shape shape;
  private final List<Parameter> mapW = new ArrayList<>();
  private final List<Parameter> mapB = new ArrayList<>();
  private final Parameter wAvg;
  private final Parameter constant;
  private final List<Layer> layers = new ArrayList<>();
  private final List<Layer> toRgbs = new ArrayList<>();
  private volatile double truncation = 1;
  private double mixing = MIXING_PROBABILITY;
  private Random draws;

  /** A modulated convolution with its affine style layer; a toRGB has no noise and no demod. */
  private record Layer(
      Parameter affineW,
      Parameter affineB,
      Parameter weight,
      Parameter bias,
      Parameter noiseStrength,
      int resolution,
      boolean up,
      boolean toRgb,
      int index) {}

  public StyleGan2Generator(int latentDim, int wDim, int mappingLayers, StyleGan2Shape shape) {
    super((byte) 1);
    this.latentDim = latentDim;
    this.wDim = wDim;
    this.shape = shape;
    for (int i = 0; i < mappingLayers; i++) {
      int in = i == 0 ? latentDim : wDim;
      mapW.add(
          addParameter(
              StyleGan2Layers.weight("map" + i + "_w", new Shape(wDim, in), MAPPING_LR_MUL)));
      mapB.add(addParameter(StyleGan2Layers.bias("map" + i + "_b", wDim, 0)));
    }
    wAvg =
        addParameter(
            Parameter.builder()
                .setName("w_avg")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(wDim))
                .optInitializer(Initializer.ZEROS)
                .optRequiresGrad(false)
                .build());
    int c4 = shape.channels(4);
    constant =
        addParameter(
            Parameter.builder()
                .setName("const")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(c4, 4, 4))
                .optInitializer(new NormalInitializer(1))
                .build());
    int index = 0;
    for (int r : shape.resolutions()) {
      int c = shape.channels(r);
      if (r > 4) {
        layers.add(layer("b" + r + "_conv0", shape.channels(r / 2), c, 3, r, true, false, index++));
      }
      layers.add(layer("b" + r + "_conv1", c, c, 3, r, false, false, index++));
      toRgbs.add(layer("b" + r + "_torgb", c, 3, 1, r, false, true, -1));
    }
  }

  private Layer layer(
      String name, int in, int out, int k, int r, boolean up, boolean toRgb, int index) {
    return new Layer(
        addParameter(StyleGan2Layers.weight(name + "_affine_w", new Shape(in, wDim), 1)),
        addParameter(StyleGan2Layers.bias(name + "_affine_b", in, 1)),
        addParameter(StyleGan2Layers.weight(name + "_w", new Shape(out, in, k, k), 1)),
        addParameter(StyleGan2Layers.bias(name + "_b", out, 0)),
        toRgb ? null : addParameter(StyleGan2Layers.scalar(name + "_noise_strength")),
        r,
        up,
        toRgb,
        index);
  }

  public StyleGan2Shape shape() {
    return shape;
  }

  public int latentDim() {
    return latentDim;
  }

  /** The style vectors per image: the second axis of {@link #synthesis}'s input. */
  public int numWs() {
    return shape.numWs();
  }

  /** Truncation psi for inference: w = w_avg + psi (w - w_avg); 1 (the default) leaves w as is. */
  public void truncation(double psi) {
    this.truncation = psi;
  }

  public double truncation() {
    return truncation;
  }

  /** The style-mixing probability in training ({@code hyperparams.style_mixing}). */
  public void styleMixing(double probability) {
    this.mixing = probability;
  }

  /** The next training forward pass's randomness (mixing and noise); null: none (as inference). */
  public void draws(Random random) {
    this.draws = random;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray z = inputs.head();
    Random r = training ? draws : null;
    NDArray ws = styles(ps, z, training ? 1 : truncation, training, r, training);
    return new NDList(synthesis(ps, ws, training, r));
  }

  /**
   * z (N, latent) to the styles ws (N, numWs, w_dim): w (truncated by {@code psi}) for every layer,
   * except that, with {@code mixing} drawing and with the style-mixing probability, the layers from
   * a random cut-off on take a second latent's w (drawn from {@code mixing} too).
   *
   * @param mixing the draws for style mixing, or null for none (inference)
   * @param updateAverage whether this pass moves w_avg (see {@link #mapping})
   */
  public NDArray styles(
      ParameterStore ps,
      NDArray z,
      double psi,
      boolean training,
      Random mixing,
      boolean updateAverage) {
    NDArray w = mapping(ps, z, psi, training, updateAverage);
    long n = z.getShape().get(0);
    int numWs = numWs();
    NDArray ws = w.expandDims(1).repeat(1, numWs);
    if (mixing != null && mixing.nextDouble() < this.mixing) {
      int cutoff = 1 + mixing.nextInt(numWs - 1);
      NDArray w2 =
          mapping(
              ps,
              owned(z.getManager(), gaussians(mixing, n * latentDim), z.getShape())
                  .toType(z.getDataType(), false),
              1,
              training,
              false);
      NDArray ws2 = w2.expandDims(1).repeat(1, numWs - cutoff);
      ws = ws.get(":, 0:" + cutoff + ", :").concat(ws2, 1);
    }
    return ws;
  }

  /**
   * z (N, latent) to w (N, w_dim), truncated by {@code psi} towards w_avg; {@code updateAverage}
   * moves w_avg 0.5% of the way to this batch's mean w (the reference does so in training).
   */
  public NDArray mapping(
      ParameterStore ps, NDArray z, double psi, boolean training, boolean updateAverage) {
    // normalize_2nd_moment: z / sqrt(mean(z^2) + 1e-8)
    NDArray x = z.div(z.square().mean(new int[] {1}, true).add(1e-8f).sqrt());
    for (int i = 0; i < mapW.size(); i++) {
      x =
          StyleGan2Layers.lrelu(
              StyleGan2Layers.dense(
                  x,
                  value(ps, mapW.get(i), z, training),
                  value(ps, mapB.get(i), z, training),
                  MAPPING_LR_MUL));
    }
    NDArray avg = wAvg.getArray();
    if (updateAverage) {
      NDArray mean = x.stopGradient().mean(new int[] {0});
      avg.muli(W_AVG_BETA).addi(mean.mul(1 - W_AVG_BETA));
      mean.close();
    }
    if (psi != 1) {
      NDArray a = avg.stopGradient();
      a.attach(x.getManager());
      x = a.expandDims(0).add(Scalars.times(x.sub(a.expandDims(0)), (float) psi));
    }
    return x;
  }

  /**
   * The synthesis network: ws (N, numWs, w_dim) to images (N, 3, size, size); {@code noise} draws
   * each layer's noise, or null for the fixed maps.
   */
  public NDArray synthesis(ParameterStore ps, NDArray ws, boolean training, Random noise) {
    return synthesis(ps, ws, training, noise, null);
  }

  /**
   * The synthesis network in training, with the means to compute d(sum(images * y))/d ws as
   * differentiable operations (the path-length penalty's J_wᵀ y; see {@link StyleGradientTape}).
   * The images are {@link #synthesis}'s up to rounding (modulated convolutions in the non-fused
   * form); {@code noise} draws the same noise as there.
   */
  public StyleGradientTape synthesisWithStyleGradient(ParameterStore ps, NDArray ws, Random noise) {
    StyleGradientTape tape = new StyleGradientTape(numWs());
    tape.images(synthesis(ps, ws, true, noise, tape));
    return tape;
  }

  private NDArray synthesis(
      ParameterStore ps, NDArray ws, boolean training, Random noise, StyleGradientTape tape) {
    long n = ws.getShape().get(0);
    NDArray c = value(ps, constant, ws, training);
    NDArray x = c.expandDims(0).repeat(0, n);
    NDArray img = null;
    int wIdx = 0;
    int li = 0;
    List<Integer> res = shape.resolutions();
    for (int b = 0; b < res.size(); b++) {
      int convs = b == 0 ? 1 : 2;
      for (int k = 0; k < convs; k++) {
        x = synthesisLayer(ps, layers.get(li++), x, ws, wIdx + k, training, noise, tape);
      }
      NDArray y = toRgb(ps, toRgbs.get(b), x, ws, wIdx + convs, training, tape, b > 0);
      img = img == null ? y : R3ganLayers.upsample(img).add(y);
      wIdx += convs;
    }
    return img;
  }

  private static NDArray style(NDArray ws, int i) {
    return ws.get(":, " + i + ", :");
  }

  private NDArray synthesisLayer(
      ParameterStore ps,
      Layer l,
      NDArray x,
      NDArray ws,
      int styleIndex,
      boolean training,
      Random noise,
      StyleGradientTape tape) {
    NDArray w = style(ws, styleIndex);
    NDArray affine = value(ps, l.affineW, w, training);
    NDArray styles = StyleGan2Layers.dense(w, affine, value(ps, l.affineB, w, training), 1);
    if (l.up) {
      x = R3ganLayers.upsample(x);
    }
    NDArray weight = value(ps, l.weight, w, training);
    StyleGradientTape.Modulated taped =
        tape == null ? null : StyleGradientTape.modulated(x, weight, styles, true);
    x = taped == null ? modulatedConv(x, weight, styles, true) : taped.out();
    Shape s = x.getShape();
    NDArray nz =
        noise == null
            ? owned(
                x.getManager(),
                constNoise(l.index, l.resolution),
                new Shape(1, 1, s.get(2), s.get(3)))
            : owned(
                x.getManager(),
                gaussians(noise, s.get(0) * s.get(2) * s.get(3)),
                new Shape(s.get(0), 1, s.get(2), s.get(3)));
    x = x.add(nz.mul(value(ps, l.noiseStrength, w, training).reshape(1, 1, 1, 1)));
    x = x.add(value(ps, l.bias, w, training).reshape(1, -1, 1, 1));
    if (tape != null) {
      tape.layer(styleIndex, x, taped, l.up, StyleGan2Layers.scaled(affine, 1), l.index > 0);
    }
    return StyleGan2Layers.lrelu(x);
  }

  private NDArray toRgb(
      ParameterStore ps,
      Layer l,
      NDArray x,
      NDArray ws,
      int styleIndex,
      boolean training,
      StyleGradientTape tape,
      boolean upsampledImage) {
    NDArray w = style(ws, styleIndex);
    long in = x.getShape().get(1);
    float gain = (float) (1 / Math.sqrt(in));
    NDArray affine = value(ps, l.affineW, w, training);
    NDArray styles =
        Scalars.times(StyleGan2Layers.dense(w, affine, value(ps, l.affineB, w, training), 1), gain);
    NDArray weight = value(ps, l.weight, w, training);
    NDArray y;
    if (tape == null) {
      y = modulatedConv(x, weight, styles, false);
    } else {
      StyleGradientTape.Modulated taped = StyleGradientTape.modulated(x, weight, styles, false);
      tape.toRgb(styleIndex, taped, gain, StyleGan2Layers.scaled(affine, 1), upsampledImage);
      y = taped.out();
    }
    return y.add(value(ps, l.bias, w, training).reshape(1, -1, 1, 1));
  }

  /**
   * The modulated convolution (the reference's {@code modulated_conv2d}, fused form): each image's
   * kernel is the weight (out, in, k, k) scaled per input channel by its style (N, in), then, with
   * {@code demodulate}, each output channel's kernel divided by sqrt(sum of its squares + 1e-8);
   * one grouped convolution over the batch.
   */
  public static NDArray modulatedConv(
      NDArray x, NDArray weight, NDArray styles, boolean demodulate) {
    Shape s = x.getShape();
    long n = s.get(0);
    long cin = s.get(1);
    long cout = weight.getShape().get(0);
    long k = weight.getShape().get(2);
    NDArray w = weight.expandDims(0).mul(styles.reshape(n, 1, cin, 1, 1));
    if (demodulate) {
      NDArray norm = w.square().sum(new int[] {2, 3, 4}).add(DEMOD_EPS).sqrt();
      w = w.div(norm.reshape(n, cout, 1, 1, 1));
    }
    NDArray y =
        R3ganLayers.conv(
            x.reshape(1, n * cin, s.get(2), s.get(3)),
            w.reshape(n * cout, cin, k, k),
            (int) n,
            null);
    return y.reshape(n, cout, s.get(2), s.get(3));
  }

  private static float[] constNoise(int layer, int resolution) {
    return gaussians(new Random(0x5EED_0000L + layer), (long) resolution * resolution);
  }

  private static float[] gaussians(Random r, long count) {
    float[] v = new float[(int) count];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  /** Host values in engine-owned memory (see {@link Scalars} for why not over a Java buffer). */
  private static NDArray owned(NDManager m, float[] v, Shape shape) {
    try (NDArray raw = m.create(v, shape)) {
      return raw.duplicate();
    }
  }

  private static NDArray value(ParameterStore ps, Parameter p, NDArray like, boolean training) {
    return ParameterViews.value(ps, p, like, training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    int s = shape.imageSize();
    return new Shape[] {new Shape(inputShapes[0].get(0), 3, s, s)};
  }
}
