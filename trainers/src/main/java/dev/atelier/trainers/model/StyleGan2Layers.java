package dev.atelier.trainers.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;

/**
 * StyleGAN2's equalised-learning-rate layers as functions of their parameter values: a weight is
 * stored as N(0, 1 / lr_mul^2) and multiplied at run time by lr_mul / sqrt(fan_in), a bias is
 * stored as its initial value and multiplied by lr_mul (the reference's {@code FullyConnectedLayer}
 * with {@code bias_gain = lr_multiplier}), so Adam's step is the same relative size in every layer
 * and, with lr_mul 0.01, 100x smaller in the mapping network. Activations are LeakyReLU(0.2) times
 * sqrt(2) (the reference's {@code bias_act} "lrelu").
 */
final class StyleGan2Layers {
  static final float SLOPE = 0.2f;
  static final float LRELU_GAIN = (float) Math.sqrt(2);

  private StyleGan2Layers() {}

  /** A weight of {@code shape}, drawn from N(0, (1 / lrMul)^2); {@code OTHER}, so it is ours. */
  static Parameter weight(String name, Shape shape, double lrMul) {
    return Parameter.builder()
        .setName(name)
        .setType(Parameter.Type.OTHER)
        .optShape(shape)
        .optInitializer(new NormalInitializer((float) (1 / lrMul)))
        .build();
  }

  /** A bias of {@code channels} stored as {@code init} (its value is init * lr_mul). */
  static Parameter bias(String name, long channels, double init) {
    Initializer i = init == 0 ? Initializer.ZEROS : new ConstantInitializer((float) init);
    return Parameter.builder()
        .setName(name)
        .setType(Parameter.Type.OTHER)
        .optShape(new Shape(channels))
        .optInitializer(i)
        .build();
  }

  /** A scalar parameter starting at 0 (a synthesis layer's noise strength). */
  static Parameter scalar(String name) {
    return Parameter.builder()
        .setName(name)
        .setType(Parameter.Type.OTHER)
        .optShape(new Shape(1))
        .optInitializer(Initializer.ZEROS)
        .build();
  }

  /** The run-time weight: stored * lrMul / sqrt(fan_in), fan_in = all but the first axis. */
  static NDArray scaled(NDArray stored, double lrMul) {
    Shape s = stored.getShape();
    long fanIn = s.size() / s.get(0);
    return Scalars.times(stored, (float) (lrMul / Math.sqrt(fanIn)));
  }

  /** x (N, in) through an equalised dense layer of w (out, in) and bias (out). */
  static NDArray dense(NDArray x, NDArray w, NDArray bias, double lrMul) {
    NDArray y = x.matMul(scaled(w, lrMul).transpose());
    return bias == null ? y : y.add(Scalars.times(bias, (float) lrMul));
  }

  /** LeakyReLU(0.2) times sqrt(2). */
  static NDArray lrelu(NDArray x) {
    return Scalars.times(Activation.leakyRelu(x, SLOPE), LRELU_GAIN);
  }
}
