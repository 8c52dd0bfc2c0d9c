package dev.atelier.trainers.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * ProGAN's discriminator, G's mirror: a fromRGB per resolution, one stride-2 block per doubling
 * above the start resolution, and a trunk from the start resolution to a logit (stride-2 blocks to
 * 4x4, then a 4x4 convolution). At level k with alpha < 1 the new block's output is blended with
 * fromRGB of level k - 1 applied to the 2x2-averaged input. No BatchNorm (as in the paper). Input
 * (N, 3, r, r) at the stage's resolution; output (N, 1) logits.
 */
public final class ProGanDiscriminator extends AbstractBlock implements InitialWeights {
  private final GrowthStage stage;
  private final int startSize;
  private final List<Block> fromRgb = new ArrayList<>();
  private final List<Block> shrink = new ArrayList<>();
  private final Block trunk;

  public ProGanDiscriminator(int width, int size, int startSize, GrowthStage stage) {
    super((byte) 1);
    this.stage = stage;
    this.startSize = startSize;
    for (int r = startSize; r <= size; r *= 2) {
      long c = ProGan.channels(width, size, r);
      fromRgb.add(addChildBlock("fromRGB" + r, ProGan.fromRgb(c)));
      if (r > startSize) {
        shrink.add(
            addChildBlock("shrink" + r, ProGan.down(c, ProGan.channels(width, size, r / 2))));
      }
    }
    SequentialBlock t = new SequentialBlock();
    for (int r = startSize; r > 4; r /= 2) {
      t.add(ProGan.down(ProGan.channels(width, size, r), ProGan.channels(width, size, r / 2)));
    }
    t.add(ProGan.head(ProGan.channels(width, size, 4)));
    trunk = addChildBlock("trunk", t);
  }

  @Override
  public float initialWeightStd() {
    return ProGan.INIT_STD;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    int k = stage.level();
    NDArray x = inputs.singletonOrThrow();
    NDArray h = apply(fromRgb.get(k), ps, x, training);
    if (k > 0) {
      h = apply(shrink.get(k - 1), ps, h, training);
      if (stage.alpha() < 1) {
        NDArray half =
            Pool.avgPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
        h = ProGan.blend(apply(fromRgb.get(k - 1), ps, half, training), h, stage.alpha());
      }
    }
    for (int j = k - 1; j >= 1; j--) {
      h = apply(shrink.get(j - 1), ps, h, training);
    }
    return trunk.forward(ps, new NDList(h), training);
  }

  private static NDArray apply(Block b, ParameterStore ps, NDArray x, boolean training) {
    return b.forward(ps, new NDList(x), training).singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    long n = inputShapes[0].get(0);
    for (int k = 0; k < fromRgb.size(); k++) {
      long r = (long) startSize << k;
      Shape in = new Shape(n, 3, r, r);
      fromRgb.get(k).initialize(manager, dataType, in);
      if (k > 0) {
        shrink
            .get(k - 1)
            .initialize(manager, dataType, fromRgb.get(k).getOutputShapes(new Shape[] {in}));
      }
    }
    Shape h =
        fromRgb.get(0).getOutputShapes(new Shape[] {new Shape(n, 3, startSize, startSize)})[0];
    trunk.initialize(manager, dataType, h);
  }
}
