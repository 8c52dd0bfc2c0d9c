package dev.atelier.trainers.model;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/**
 * A discriminator that computes its own input gradient as differentiable operations, for the
 * gradient penalties ({@link CriticGradient#of} uses it; the DCGAN discriminator's is derived from
 * its layer list instead).
 */
public interface ExplicitInputGradient {
  /** D's output (N, 1) at x, and d(sum output)/dx shaped like x. */
  CriticGradient.Result withInputGradient(ParameterStore params, NDArray x);
}
