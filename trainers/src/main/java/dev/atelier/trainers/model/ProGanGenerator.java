package dev.atelier.trainers.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * ProGAN's generator: a trunk from the latent to the start resolution (dense to 4x4, then
 * doublings), one growth block per further doubling, and a toRGB per resolution. At level k with
 * alpha < 1 the output is the blend of the upsampled toRGB of level k - 1 and the new block's
 * toRGB; tanh last. Input (N, latent); output (N, 3, r, r) at the stage's resolution r. All levels'
 * parameters exist from the start (the ones not reached yet get no gradient, so Adam leaves them as
 * initialised), which keeps one model, one optimizer and one checkpoint format for the run.
 */
public final class ProGanGenerator extends AbstractBlock implements InitialWeights {
  private final GrowthStage stage;
  private final int startSize;
  private final Block trunk;
  private final List<Block> grow = new ArrayList<>();
  private final List<Block> toRgb = new ArrayList<>();

  /**
   * @param size the full image size (32, 64 or 128)
   * @param startSize the first resolution trained (8 or 16)
   */
  public ProGanGenerator(int latentDim, int width, int size, int startSize, GrowthStage stage) {
    super((byte) 1);
    this.stage = stage;
    this.startSize = startSize;
    long c4 = ProGan.channels(width, size, 4);
    SequentialBlock t = new SequentialBlock();
    t.add(ProGan.dense(latentDim, c4 * 16));
    t.add(new LambdaBlock(in -> new NDList(in.singletonOrThrow().reshape(-1, c4, 4, 4)), "to4x4"));
    t.add(ProGan.leaky());
    t.add(ProGan.pixelNorm());
    for (int r = 8; r <= startSize; r *= 2) {
      t.add(ProGan.up(ProGan.channels(width, size, r / 2), ProGan.channels(width, size, r)));
    }
    trunk = addChildBlock("trunk", t);
    for (int r = startSize; r <= size; r *= 2) {
      long c = ProGan.channels(width, size, r);
      if (r > startSize) {
        grow.add(addChildBlock("grow" + r, ProGan.up(ProGan.channels(width, size, r / 2), c)));
      }
      toRgb.add(addChildBlock("toRGB" + r, ProGan.toRgb(c)));
    }
  }

  /** The number of levels above the start resolution. */
  public int levels() {
    return grow.size();
  }

  @Override
  public float initialWeightStd() {
    return ProGan.INIT_STD;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    int k = stage.level();
    NDArray h = trunk.forward(ps, inputs, training).singletonOrThrow();
    for (int j = 1; j < k; j++) {
      h = apply(grow.get(j - 1), ps, h, training);
    }
    NDArray out;
    if (k == 0) {
      out = apply(toRgb.get(0), ps, h, training);
    } else {
      NDArray prev = h;
      out = apply(toRgb.get(k), ps, apply(grow.get(k - 1), ps, prev, training), training);
      if (stage.alpha() < 1) {
        NDArray old = NearestUpsample.apply(apply(toRgb.get(k - 1), ps, prev, training), 2);
        out = ProGan.blend(old, out, stage.alpha());
      }
    }
    return new NDList(Activation.tanh(out));
  }

  private static NDArray apply(Block b, ParameterStore ps, NDArray x, boolean training) {
    return b.forward(ps, new NDList(x), training).singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long r = (long) startSize << stage.level();
    return new Shape[] {new Shape(inputShapes[0].get(0), 3, r, r)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    trunk.initialize(manager, dataType, inputShapes);
    Shape h = trunk.getOutputShapes(inputShapes)[0];
    toRgb.get(0).initialize(manager, dataType, h);
    for (int k = 1; k < toRgb.size(); k++) {
      grow.get(k - 1).initialize(manager, dataType, h);
      h = grow.get(k - 1).getOutputShapes(new Shape[] {h})[0];
      toRgb.get(k).initialize(manager, dataType, h);
    }
  }
}
