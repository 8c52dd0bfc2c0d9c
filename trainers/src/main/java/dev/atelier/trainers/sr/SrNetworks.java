package dev.atelier.trainers.sr;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import java.util.List;

/**
 * The SR networks. G (SRResNet-like, without BatchNorm as in EDSR/ESRGAN, so a checkpoint behaves
 * the same at any batch size): a 3x3 convolution, residual blocks (conv-LeakyReLU-conv plus skip),
 * a long skip over them, then two 2x stages (3x3 convolution to 4x the channels + pixel shuffle +
 * LeakyReLU) and a 3x3 convolution to RGB. Its output is added to the nearest-neighbour 4x
 * enlargement of the input, so G learns only the missing detail and starts out as good as nearest
 * upscaling (N(0, 0.02) weights make the learned part almost zero). D: strided 4x4 convolutions
 * with LeakyReLU, global average pooling and a linear logit, so it takes any image size.
 */
public final class SrNetworks {
  private static final float SLOPE = 0.2f;

  private SrNetworks() {}

  /** Input (N, 3, h, w) in [-1, 1], any h, w; output (N, 3, 4h, 4w), about [-1, 1]. */
  public static Block generator(int width, int residualBlocks) {
    SequentialBlock trunk = new SequentialBlock();
    for (int i = 0; i < residualBlocks; i++) {
      trunk.add(residual(width));
    }
    trunk.add(conv(width, 3, 1, 1));
    SequentialBlock detail = new SequentialBlock();
    detail.add(conv(width, 3, 1, 1));
    detail.add(Activation.leakyReluBlock(SLOPE));
    detail.add(sum(trunk, Blocks.identityBlock()));
    for (int stage = 0; stage < 2; stage++) {
      detail.add(conv(4L * width, 3, 1, 1));
      detail.add(Resampling.pixelShuffleBlock());
      detail.add(Activation.leakyReluBlock(SLOPE));
    }
    detail.add(conv(3, 3, 1, 1));
    return sum(detail, Resampling.nearestUpBlock(4));
  }

  /** Input (N, 3, H, W) with H, W >= 8; output (N, 1) logits. */
  public static Block discriminator(int width) {
    SequentialBlock d = new SequentialBlock();
    d.add(conv(width, 3, 1, 1));
    d.add(Activation.leakyReluBlock(SLOPE));
    long channels = width;
    for (int s = 0; s < 3; s++) {
      channels = s == 0 ? width : channels * 2;
      d.add(conv(channels, 4, 2, 1));
      d.add(Activation.leakyReluBlock(SLOPE));
    }
    d.add(
        new LambdaBlock(
            in -> new NDList(in.singletonOrThrow().mean(new int[] {3}).mean(new int[] {2})),
            "pool"));
    d.add(Linear.builder().setUnits(1).build());
    return d;
  }

  private static Block residual(int width) {
    SequentialBlock body = new SequentialBlock();
    body.add(conv(width, 3, 1, 1));
    body.add(Activation.leakyReluBlock(SLOPE));
    body.add(conv(width, 3, 1, 1));
    return sum(body, Blocks.identityBlock());
  }

  private static Block sum(Block a, Block b) {
    return new ParallelBlock(
        outs -> new NDList(outs.get(0).singletonOrThrow().add(outs.get(1).singletonOrThrow())),
        List.of(a, b));
  }

  private static Block conv(long filters, int kernel, int stride, int pad) {
    return Conv2d.builder()
        .setFilters((int) filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(pad, pad))
        .build();
  }
}
