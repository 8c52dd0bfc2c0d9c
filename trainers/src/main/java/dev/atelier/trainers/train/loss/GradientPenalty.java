package dev.atelier.trainers.train.loss;

import ai.djl.ndarray.NDArray;

/** A regulariser on the discriminator's input gradient, added to D's loss. */
public interface GradientPenalty {
  /** The scalar penalty, differentiable w.r.t. D's parameters. */
  NDArray penalty(PenaltyInputs in);

  /** Whether it is added at training step {@code step} ({@link LazyPenalty}: not every step). */
  default boolean appliesAt(int step) {
    return true;
  }
}
