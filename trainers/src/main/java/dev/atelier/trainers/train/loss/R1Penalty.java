package dev.atelier.trainers.train.loss;

import ai.djl.ndarray.NDArray;
import dev.atelier.trainers.model.CriticGradient;
import dev.atelier.trainers.model.Scalars;

/**
 * R1 (Mescheder et al. 2018): (gamma / 2) E[|grad_x D(x)|^2] on real images, which keeps D flat on
 * the data and stabilises training near equilibrium. The gradient is taken at the images D sees,
 * i.e. after augmentation (StyleGAN2-ADA and R3GAN take it before their augmentation; without
 * augmentation the two are the same). {@link R2Penalty} is the same on generated images.
 */
public final class R1Penalty implements GradientPenalty {
  private final double gamma;

  public R1Penalty(double gamma) {
    this.gamma = gamma;
  }

  @Override
  public NDArray penalty(PenaltyInputs in) {
    return zeroCentred(in.atReal().get(), gamma);
  }

  @Override
  public boolean atReal() {
    return true;
  }

  /** (gamma / 2) E[|grad_x D(x)|^2] from D's input gradient at a batch, the mean over the batch. */
  static NDArray zeroCentred(CriticGradient.Result at, double gamma) {
    NDArray g = at.inputGradient();
    return Scalars.times(g.square().sum(new int[] {1, 2, 3}).mean(), (float) (gamma / 2));
  }
}
