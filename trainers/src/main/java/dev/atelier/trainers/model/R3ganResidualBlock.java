package dev.atelier.trainers.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.function.Function;

/**
 * R3GAN's residual block: x + conv1x1(act(conv3x3_grouped(act(conv1x1(x))))), expanding the
 * channels 2x inside (an inverted bottleneck), with no normalisation. The two inner layers start at
 * MSR's scale times L^(-1/4) for L blocks in the network, the last layer at zero (fix-up
 * initialisation: every block starts as the identity).
 */
final class R3ganResidualBlock {
  private static final int LINEAR_LAYERS = 3;

  private final Parameter expand;
  private final Parameter expandBias;
  private final Parameter spatial;
  private final Parameter spatialBias;
  private final Parameter contract;
  private final int groups;

  /**
   * @param add registers a parameter with the owning block ({@link AbstractBlock}'s addParameter)
   * @param totalBlocks the network's residual blocks, R3GAN's variance scaling parameter
   */
  R3ganResidualBlock(
      String name, int channels, int groups, int totalBlocks, Function<Parameter, Parameter> add) {
    int inner = channels * R3ganShape.EXPANSION;
    double gain =
        R3ganLayers.ACTIVATION_GAIN * Math.pow(totalBlocks, -1.0 / (2 * LINEAR_LAYERS - 2));
    this.groups = groups;
    expand = add.apply(R3ganLayers.conv(name + "_expand", channels, inner, 1, 1, gain));
    expandBias = add.apply(R3ganLayers.bias(name + "_expand_bias", inner));
    spatial = add.apply(R3ganLayers.conv(name + "_spatial", inner, inner, 3, groups, gain));
    spatialBias = add.apply(R3ganLayers.bias(name + "_spatial_bias", inner));
    contract = add.apply(R3ganLayers.conv(name + "_contract", inner, channels, 1, 1, 0));
  }

  NDArray forward(ParameterStore ps, NDArray x, boolean training, GradientTape tape) {
    GradientTape inner = tape == null ? null : new GradientTape();
    NDArray y = R3ganLayers.conv(x, value(ps, expand, x, training), 1, inner);
    y = R3ganLayers.biasedActivation(y, value(ps, expandBias, x, training), inner);
    y = R3ganLayers.conv(y, value(ps, spatial, x, training), groups, inner);
    y = R3ganLayers.biasedActivation(y, value(ps, spatialBias, x, training), inner);
    y = R3ganLayers.conv(y, value(ps, contract, x, training), 1, inner);
    if (tape != null) {
      tape.record(g -> g.add(inner.back(g)));
    }
    return x.add(y);
  }

  static NDArray value(ParameterStore ps, Parameter p, NDArray like, boolean training) {
    return ParameterViews.value(ps, p, like, training);
  }
}
