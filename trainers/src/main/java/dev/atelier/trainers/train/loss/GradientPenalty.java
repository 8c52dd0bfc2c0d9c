package dev.atelier.trainers.train.loss;

import ai.djl.ndarray.NDArray;

/** A regulariser on the discriminator's input gradient, added to D's loss. */
public interface GradientPenalty {
  /** The scalar penalty, differentiable w.r.t. D's parameters. */
  NDArray penalty(PenaltyInputs in);

  /**
   * Whether it takes D's input gradient at the real batch as D saw it ({@link
   * PenaltyInputs#atReal()}): then D's loss reads its real scores from that same pass instead of a
   * forward pass of its own.
   */
  default boolean atReal() {
    return false;
  }

  /** The same for the fake batch ({@link PenaltyInputs#atFake()}). */
  default boolean atFake() {
    return false;
  }

  /** Whether it is added at training step {@code step} ({@link LazyPenalty}: not every step). */
  default boolean appliesAt(int step) {
    return true;
  }
}
