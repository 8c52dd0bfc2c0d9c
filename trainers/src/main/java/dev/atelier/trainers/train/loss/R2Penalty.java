package dev.atelier.trainers.train.loss;

import ai.djl.ndarray.NDArray;

/**
 * R2: (gamma / 2) E[|grad_x D(x)|^2] on generated images (as D saw them, detached from G), R1's
 * counterpart on the fake side. R3GAN (Huang et al. 2024) shows that with the relativistic pairing
 * loss the two together make training converge locally where R1 alone does not.
 */
public final class R2Penalty implements GradientPenalty {
  private final double gamma;

  public R2Penalty(double gamma) {
    this.gamma = gamma;
  }

  @Override
  public NDArray penalty(PenaltyInputs in) {
    return R1Penalty.zeroCentred(in.atFake().get(), gamma);
  }

  @Override
  public boolean atFake() {
    return true;
  }
}
