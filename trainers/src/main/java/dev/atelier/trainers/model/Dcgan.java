package dev.atelier.trainers.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import dev.atelier.trainers.spec.ModelKind;
import java.util.List;

/**
 * DCGAN (Radford et al.) for 32x32 (three up/down blocks), 64x64 (four) and 128x128 (five): each
 * size adds one block to G and one to D, the same at any width; widths double towards the 4x4
 * bottleneck, BatchNorm everywhere except the generator's output and the discriminator's input,
 * ReLU in G, LeakyReLU(0.2) in D, tanh output, and D ends in a logit (the loss applies the sigmoid,
 * which is numerically safer).
 */
public final class Dcgan {
  /** D's LeakyReLU slope, and the names of D's parameter-free blocks ({@link CriticGradient}). */
  static final float LEAKY_SLOPE = 0.2f;

  static final String LEAKY_RELU = "LeakyReLU";
  static final String FLATTEN = "flatten";

  private Dcgan() {}

  /** Number of stride-2 stages between 4x4 and the image size. */
  static int stages(ModelKind kind) {
    return Integer.numberOfTrailingZeros(kind.imageSize()) - 2;
  }

  /** Input (N, latent); output (N, 3, size, size) in [-1, 1]. */
  public static Block generator(ModelKind kind, int latentDim, int width) {
    return generatorLayers(new SequentialBlock(), kind, width);
  }

  /**
   * The conditional generator ({@code cdcgan*}): input (N, latent) standard-normal latents and (N,
   * classes) one-hot labels; a learned embedding of the label ({@code latentDim} values: a linear
   * map of the one-hot vector without bias, i.e. an embedding table) is concatenated to the latent,
   * and the rest is the DCGAN generator. Output as {@link #generator}.
   */
  public static Block conditionalGenerator(ModelKind kind, int latentDim, int width) {
    SequentialBlock embed = new SequentialBlock();
    embed.add(new LambdaBlock(in -> new NDList(in.get(1)), "label"));
    embed.add(Linear.builder().setUnits(latentDim).optBias(false).build());
    SequentialBlock g = new SequentialBlock();
    g.add(
        new ParallelBlock(
            outs ->
                new NDList(
                    outs.get(0).singletonOrThrow().concat(outs.get(1).singletonOrThrow(), 1)),
            List.of(new LambdaBlock(in -> new NDList(in.get(0)), "latent"), embed)));
    return generatorLayers(g, kind, width);
  }

  private static Block generatorLayers(SequentialBlock g, ModelKind kind, int width) {
    int stages = stages(kind);
    long top = (long) width << (stages - 1);
    // A dense layer from the latent to 4x4 is what ConvTranspose(k4, s1, p0) on a 1x1 input does.
    g.add(Linear.builder().setUnits(top * 16).optBias(false).build());
    g.add(
        new LambdaBlock(
            in -> new NDList(in.singletonOrThrow().reshape(-1, top, 4, 4)), "toFeatureMap"));
    g.add(BatchNorm.builder().build());
    g.add(Activation.reluBlock());
    long channels = top;
    for (int s = 1; s < stages; s++) {
      channels /= 2;
      g.add(upsample(channels, false));
      g.add(BatchNorm.builder().build());
      g.add(Activation.reluBlock());
    }
    g.add(upsample(3, true));
    g.add(Activation.tanhBlock());
    return g;
  }

  /**
   * Input (N, 3, size, size); output (N, 1) logits. A conditional model's discriminator is the same
   * block taking (N, 3 + classes, size, size): the image with one constant plane per class, 1 for
   * the image's class and 0 elsewhere (the label channels of conditional DCGANs). The planes are
   * added outside the block, so the penalties' explicit input gradient ({@link CriticGradient})
   * covers it unchanged.
   */
  public static Block discriminator(ModelKind kind, int width) {
    return discriminator(kind, width, true);
  }

  /**
   * @param batchNorm false for a discriminator trained with a gradient penalty: the penalty is
   *     defined per image, and batch statistics would make each image's gradient depend on the
   *     others in its batch (Gulrajani et al. 2017, section 4)
   */
  public static Block discriminator(ModelKind kind, int width, boolean batchNorm) {
    int stages = stages(kind);
    SequentialBlock d = new SequentialBlock();
    long channels = width;
    for (int s = 0; s < stages; s++) {
      boolean norm = batchNorm && s > 0;
      d.add(conv(channels, 4, 2, 1, !batchNorm && s > 0));
      if (norm) {
        d.add(BatchNorm.builder().build());
      }
      d.add(Activation.leakyReluBlock(LEAKY_SLOPE)); // named LEAKY_RELU by DJL
      channels *= 2;
    }
    d.add(conv(1, 4, 1, 0, true));
    d.add(new LambdaBlock(in -> new NDList(in.singletonOrThrow().reshape(-1, 1)), FLATTEN));
    return d;
  }

  /**
   * Nearest-neighbour doubling then a 3x3 convolution. The sub-pixel alternative (convolution to 4x
   * channels + depth-to-space) costs the same but initialises its four output phases independently,
   * which left a strong checkerboard in emoji samples after 300 steps.
   */
  private static Block upsample(long channels, boolean bias) {
    SequentialBlock b = new SequentialBlock();
    b.add(NearestUpsample.block());
    b.add(conv(channels, 3, 1, 1, bias));
    return b;
  }

  /** Layers followed by BatchNorm need no bias: the norm's shift replaces it. */
  private static Block conv(long filters, int kernel, int stride, int pad, boolean bias) {
    return Conv2d.builder()
        .setFilters((int) filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(pad, pad))
        .optBias(bias)
        .build();
  }
}
