package dev.atelier.trainers.train.loss;

import ai.djl.ndarray.NDArray;
import dev.atelier.trainers.model.Scalars;

/**
 * R1 (Mescheder et al. 2018): (gamma / 2) E[|grad_x D(x)|^2] on real images, which keeps D flat on
 * the data and stabilises training near equilibrium. The gradient is taken at the images D sees,
 * i.e. after augmentation (StyleGAN2-ADA takes it before its augmentation; without augmentation the
 * two are the same).
 */
public final class R1Penalty implements GradientPenalty {
  private final double gamma;

  public R1Penalty(double gamma) {
    this.gamma = gamma;
  }

  @Override
  public NDArray penalty(PenaltyInputs in) {
    NDArray g = in.critic().apply(in.realSeen().stopGradient()).inputGradient();
    return Scalars.times(g.square().sum(new int[] {1, 2, 3}).mean(), (float) (gamma / 2));
  }
}
