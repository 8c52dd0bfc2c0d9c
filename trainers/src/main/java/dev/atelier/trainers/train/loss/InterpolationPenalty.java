package dev.atelier.trainers.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.atelier.trainers.model.Scalars;

/**
 * The WGAN-GP penalty (Gulrajani et al. 2017): lambda E[(|grad D(x^)| - 1)^2] at random points x^
 * on lines between real and fake images (one uniform mixing weight per image), a soft 1-Lipschitz
 * constraint on the critic. The points mix the images as D saw them (after augmentation).
 */
public final class InterpolationPenalty implements GradientPenalty {
  /** Keeps the norm's derivative finite where a gradient is exactly zero. */
  private static final double EPS = 1e-12;

  private final double weight;

  public InterpolationPenalty(double weight) {
    this.weight = weight;
  }

  @Override
  public NDArray penalty(PenaltyInputs in) {
    NDArray real = in.realSeen().stopGradient();
    NDArray fake = in.fakeSeen().stopGradient();
    int n = (int) real.getShape().get(0);
    float[] alpha = new float[n];
    for (int i = 0; i < n; i++) {
      alpha[i] = in.random().nextFloat();
    }
    NDArray a = real.getManager().create(alpha, new Shape(n, 1, 1, 1));
    NDArray mixed = real.mul(a).add(fake.mul(a.neg().add(1)));
    NDArray g = in.critic().apply(mixed).inputGradient();
    NDArray norm = g.square().sum(new int[] {1, 2, 3}).add(EPS).sqrt();
    return Scalars.times(norm.sub(1).square().mean(), (float) weight);
  }
}
