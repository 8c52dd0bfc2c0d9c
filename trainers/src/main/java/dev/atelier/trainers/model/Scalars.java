package dev.atelier.trainers.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Multiplying or dividing by a constant inside a differentiated graph. Use these instead of {@code
 * NDArray.mul(Number)} and {@code div(Number)} wherever the result may be differentiated.
 *
 * <p>Why: DJL 0.35.1's PyTorch engine turns a Java number into a 0-dim tensor laid over a Java
 * direct buffer ({@code torch::from_blob}, memory PyTorch does not own), runs the op, and closes
 * that tensor at once. PyTorch saves the constant for the backward pass of {@code mul} and {@code
 * div} (d(x c)/dx = c), but the Java buffer under it becomes garbage as soon as the op returns, and
 * the JVM's cleaner thread frees it at whatever moment a garbage collection finds it. When that
 * happens between the forward and the backward pass, the backward reads freed memory: with glibc
 * the allocator's free-list pointer (read as a float: -3e19, 3e-18, 0 or NaN, say), with jemalloc
 * whatever reused it. That was progan's "random NaN": its equalised-learning-rate scaling
 * multiplies every layer's input by a constant. Here the constant is made by the engine ({@code
 * torch::full}), so the graph holds a reference to memory that lives as long as the graph needs it.
 * {@code add(Number)} and {@code sub(Number)} are safe as they are: their backward never reads the
 * constant.
 */
public final class Scalars {
  private Scalars() {}

  /** x * c, differentiable in x. */
  public static NDArray times(NDArray x, float c) {
    try (NDArray k = constant(x, c)) {
      return x.mul(k);
    }
  }

  /** x / c, differentiable in x. */
  public static NDArray dividedBy(NDArray x, float c) {
    try (NDArray k = constant(x, c)) {
      return x.div(k);
    }
  }

  // Closing the handle is safe: the graph keeps its own reference to engine-owned memory.
  private static NDArray constant(NDArray x, float c) {
    return x.getManager().full(new Shape(), c, x.getDataType());
  }
}
