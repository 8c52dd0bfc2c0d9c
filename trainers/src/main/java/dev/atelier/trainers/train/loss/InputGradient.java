package dev.atelier.trainers.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The gradient of D's summed output w.r.t. its input, as an array that is itself differentiable
 * (second-order autograd). DJL's {@code GradientCollector.backward} always passes {@code
 * create_graph=false}; the PyTorch engine's {@link JniUtils#backward} exposes the flag, which is
 * what {@code torch.autograd.grad(..., create_graph=True)} does underneath.
 *
 * <p>Unlike {@code autograd.grad}, a backward pass also accumulates D's parameter gradients of the
 * summed output; those are not part of any loss, so {@code clearParameterGradients} zeroes them
 * right away. The parameters are fresh per-step leaves ({@code StepParameters}), so the graph their
 * gradient holds dies with the step instead of chaining from step to step.
 */
public final class InputGradient {
  private final Runnable clearParameterGradients;

  public InputGradient(Runnable clearParameterGradients) {
    this.clearParameterGradients = clearParameterGradients;
  }

  /**
   * @param input a leaf that records gradients
   * @param output D's output computed from {@code input} (through any augmentation)
   * @return d(sum output)/d(input), shaped like {@code input}, with its graph
   */
  public NDArray of(NDArray input, NDArray output) {
    NDArray sum = output.sum();
    NDArray ones = sum.getManager().ones(new Shape());
    JniUtils.backward((PtNDArray) sum, (PtNDArray) ones, true, true);
    // A differentiable copy (duplicate() copies without autograd): the final backward pass adds
    // into the input's .grad in place, which must not change a tensor the penalty's graph saved.
    NDArray g = input.getGradient().mul(1);
    clearParameterGradients.run();
    return g;
  }
}
