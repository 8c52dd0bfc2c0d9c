package dev.atelier.trainers.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * R3GAN's generator ({@code r3gan}): a learned 4x4 basis scaled per channel by a dense map of the
 * latent, then per stage a transition (1x1 convolution where the channels change, then the
 * interpolative 2x upsampler) and {@code blocksPerStage} residual blocks, and a 1x1 convolution to
 * RGB. No normalisation and no output activation: images are clipped to [-1, 1] where they are
 * drawn. Input (N, latent); output (N, 3, size, size).
 */
public final class R3ganGenerator extends AbstractBlock {
  private final R3ganShape shape;
  private final Parameter basis;
  private final Parameter basisScale;
  private final List<Parameter> transitions = new ArrayList<>();
  private final List<List<R3ganResidualBlock>> stages = new ArrayList<>();
  private final Parameter toRgb;

  public R3ganGenerator(int latentDim, R3ganShape shape) {
    super((byte) 1);
    this.shape = shape;
    int c4 = shape.channels(4);
    basis =
        addParameter(
            Parameter.builder()
                .setName("basis")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(c4, 4, 4))
                .optInitializer(new NormalInitializer(1))
                .build());
    basisScale =
        addParameter(R3ganLayers.weight("basis_scale", new Shape(c4, latentDim), 1, latentDim));
    for (int r : shape.resolutions()) {
      int c = shape.channels(r);
      if (r > 4 && shape.channels(r / 2) != c) {
        transitions.add(
            addParameter(R3ganLayers.conv("up" + r, shape.channels(r / 2), c, 1, 1, 1)));
      } else {
        transitions.add(null);
      }
      List<R3ganResidualBlock> blocks = new ArrayList<>();
      for (int b = 0; b < shape.blocksPerStage(); b++) {
        blocks.add(
            new R3ganResidualBlock(
                "s" + r + "_b" + b, c, shape.groups(c), shape.totalBlocks(), this::addParameter));
      }
      stages.add(blocks);
    }
    int top = shape.channels(shape.imageSize());
    toRgb = addParameter(R3ganLayers.conv("to_rgb", top, 3, 1, 1, 1));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray z = inputs.head();
    NDArray scale =
        R3ganLayers.dense(z, R3ganResidualBlock.value(ps, basisScale, z, training), null);
    NDArray b = R3ganResidualBlock.value(ps, basis, z, training);
    long c = b.getShape().get(0);
    NDArray x = b.reshape(1, c, 4, 4).mul(scale.reshape(-1, c, 1, 1));
    List<Integer> res = shape.resolutions();
    for (int i = 0; i < res.size(); i++) {
      if (i > 0) {
        Parameter t = transitions.get(i);
        if (t != null) {
          x = R3ganLayers.conv(x, R3ganResidualBlock.value(ps, t, x, training), 1, null);
        }
        x = R3ganLayers.upsample(x);
      }
      for (R3ganResidualBlock block : stages.get(i)) {
        x = block.forward(ps, x, training, null);
      }
    }
    return new NDList(
        R3ganLayers.conv(x, R3ganResidualBlock.value(ps, toRgb, x, training), 1, null));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    int s = shape.imageSize();
    return new Shape[] {new Shape(inputShapes[0].get(0), 3, s, s)};
  }
}
