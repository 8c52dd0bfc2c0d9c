package dev.atelier.trainers.model;

import ai.djl.ndarray.NDArray;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.UnaryOperator;

/**
 * How to carry a gradient back through the layers a forward pass ran: each layer records the map
 * from its output's gradient to its input's, as differentiable NDArray operations (see {@link
 * CriticGradient} for why not autograd's double backward).
 */
final class GradientTape {
  private final Deque<UnaryOperator<NDArray>> steps = new ArrayDeque<>();

  void record(UnaryOperator<NDArray> backward) {
    steps.push(backward);
  }

  /** The gradient at the first layer's input, given the one at the last layer's output. */
  NDArray back(NDArray upstream) {
    NDArray g = upstream;
    for (UnaryOperator<NDArray> s : steps) {
      g = s.apply(g);
    }
    return g;
  }
}
