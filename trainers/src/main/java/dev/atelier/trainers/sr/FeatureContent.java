package dev.atelier.trainers.sr;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import dev.atelier.trainers.model.Scalars;
import dev.atelier.trainers.quality.InputRange;
import dev.atelier.trainers.spec.FeatureLossSpec;
import dev.atelier.trainers.train.TrainingDevice;
import java.io.IOException;
import java.util.Map;

/**
 * The feature-space content term: mean squared difference between a TorchScript network's first
 * output on the SR batch and on the ground truth. The network is a fixed judge, never trained: it
 * is loaded with {@code trainParam} (DJL otherwise loads weights as inference tensors, through
 * which no gradient can flow), its parameters are then excluded from autograd, and it is kept in
 * eval mode (BatchNorm's running statistics, no dropout) while autograd carries G's gradient
 * through it — {@code PtSymbolBlock.forward(training=true)} would switch it to train mode, so the
 * engine's forward is called directly.
 */
final class FeatureContent implements AutoCloseable {
  // ImageNet's per-channel mean and std, RGB (the values torchvision normalises with).
  private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
  private static final float[] STD = {0.229f, 0.224f, 0.225f};

  private final Model model;
  private final PtSymbolBlock block;
  private final FeatureLossSpec spec;

  private FeatureContent(Model model, FeatureLossSpec spec) {
    this.model = model;
    this.block = (PtSymbolBlock) model.getBlock();
    this.spec = spec;
  }

  static FeatureContent load(FeatureLossSpec spec) throws IOException {
    Model model = Model.newInstance("content-features", TrainingDevice.get(), "PyTorch");
    try {
      model.load(spec.path(), null, Map.of("trainParam", "true"));
      FeatureContent f = new FeatureContent(model, spec);
      f.block.getParameters().forEach(p -> p.getValue().getArray().setRequiresGradient(false));
      JniUtils.enableInferenceMode(f.block);
      return f;
    } catch (MalformedModelException | IOException | RuntimeException e) {
      model.close();
      throw new IOException(
          "content_features.path: '" + spec.path() + "' is not a loadable TorchScript file: " + e,
          e);
    }
  }

  /** The judge network (tests check that it stays unchanged). */
  PtSymbolBlock block() {
    return block;
  }

  double weight() {
    return spec.weight();
  }

  /** The unweighted feature distance; differentiable in {@code sr}. */
  NDArray loss(NDArray sr, NDArray hr) {
    NDArray fs = features(sr);
    NDArray fh = features(hr.stopGradient()).stopGradient();
    return fs.sub(fh).square().mean();
  }

  private NDArray features(NDArray x) {
    return IValueUtils.forward(block, new NDList(convert(x)), true).get(0);
  }

  private NDArray convert(NDArray x) {
    if (spec.range() == InputRange.MINUS_ONE_ONE) {
      return x;
    }
    NDArray unit = Scalars.times(x.add(1f), 0.5f);
    if (spec.range() == InputRange.ZERO_ONE) {
      return unit;
    }
    NDArray mean = x.getManager().create(MEAN, new Shape(1, 3, 1, 1));
    NDArray std = x.getManager().create(STD, new Shape(1, 3, 1, 1));
    return unit.sub(mean).div(std);
  }

  @Override
  public void close() {
    model.close();
  }
}
