package dev.atelier.trainers.train.loss;

import ai.djl.ndarray.NDArray;

/**
 * R1 (Mescheder et al. 2018): (gamma / 2) E[|grad_x D(x)|^2] on real images, which keeps D flat on
 * the data and stabilises training near equilibrium. The gradient is taken w.r.t. the image before
 * augmentation, as StyleGAN2-ADA does.
 */
public final class R1Penalty implements GradientPenalty {
  private final double gamma;

  public R1Penalty(double gamma) {
    this.gamma = gamma;
  }

  @Override
  public NDArray penalty(PenaltyInputs in) {
    NDArray g = in.gradient().of(in.real(), in.realOutput());
    return g.square().sum(new int[] {1, 2, 3}).mean().mul(gamma / 2);
  }

  @Override
  public boolean needsRealInputGradient() {
    return true;
  }
}
