package dev.atelier.trainers.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * R3GAN's discriminator ({@code r3gan}): a 1x1 convolution from RGB, then per stage from the image
 * size down to 8x8 {@code blocksPerStage} residual blocks and a transition (the interpolative 2x
 * downsampler, then a 1x1 convolution where the channels change), and at 4x4 the blocks and a
 * discriminative basis (a learned 4x4 weight per channel, summed, then a dense layer to one logit).
 * No normalisation. Input (N, 3, size, size); output (N, 1).
 *
 * <p>Its input gradient comes with its output as differentiable operations ({@link
 * ExplicitInputGradient}), so R1 and R2 reach its parameters through one ordinary backward pass.
 */
public final class R3ganDiscriminator extends AbstractBlock implements ExplicitInputGradient {
  private final R3ganShape shape;
  private final Parameter fromRgb;
  private final List<List<R3ganResidualBlock>> stages = new ArrayList<>();
  private final List<Parameter> transitions = new ArrayList<>();
  private final Parameter basis;
  private final Parameter toLogit;

  public R3ganDiscriminator(R3ganShape shape) {
    super((byte) 1);
    this.shape = shape;
    List<Integer> res = shape.resolutions();
    int top = shape.channels(shape.imageSize());
    fromRgb = addParameter(R3ganLayers.conv("from_rgb", 3, top, 1, 1, 1));
    for (int i = res.size() - 1; i >= 0; i--) {
      int r = res.get(i);
      int c = shape.channels(r);
      List<R3ganResidualBlock> blocks = new ArrayList<>();
      for (int b = 0; b < shape.blocksPerStage(); b++) {
        blocks.add(
            new R3ganResidualBlock(
                "s" + r + "_b" + b, c, shape.groups(c), shape.totalBlocks(), this::addParameter));
      }
      stages.add(blocks);
      if (r > 4 && shape.channels(r / 2) != c) {
        transitions.add(
            addParameter(R3ganLayers.conv("down" + r, c, shape.channels(r / 2), 1, 1, 1)));
      } else {
        transitions.add(null);
      }
    }
    int c4 = shape.channels(4);
    basis = addParameter(R3ganLayers.weight("basis", new Shape(c4, 4, 4), 1, 16));
    toLogit = addParameter(R3ganLayers.weight("to_logit", new Shape(1, c4), 1, c4));
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
    NDArray x =
        R3ganLayers.conv(image, R3ganResidualBlock.value(ps, fromRgb, image, training), 1, tape);
    for (int i = 0; i < stages.size(); i++) {
      for (R3ganResidualBlock block : stages.get(i)) {
        x = block.forward(ps, x, training, tape);
      }
      if (i < stages.size() - 1) {
        x = R3ganLayers.downsample(x, tape);
        Parameter t = transitions.get(i);
        if (t != null) {
          x = R3ganLayers.conv(x, R3ganResidualBlock.value(ps, t, x, training), 1, tape);
        }
      }
    }
    // The basis: a depthwise 4x4 convolution without padding on the 4x4 map, i.e. each channel's
    // pixels weighted and summed.
    NDArray b = R3ganResidualBlock.value(ps, basis, x, training);
    Shape s = x.getShape();
    NDArray w = b.reshape(1, s.get(1), 4, 4);
    NDArray pooled = x.mul(w).sum(new int[] {2, 3});
    if (tape != null) {
      tape.record(g -> g.reshape(s.get(0), s.get(1), 1, 1).mul(w));
    }
    return R3ganLayers.dense(pooled, R3ganResidualBlock.value(ps, toLogit, x, training), tape);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
  }
}
