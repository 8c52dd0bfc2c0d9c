package dev.atelier.trainers.train.loss;

import ai.djl.ndarray.NDArray;

/**
 * The Wasserstein critic loss (Arjovsky et al. 2017): D's output is an unbounded score, and its
 * loss is the negated gap between real and fake scores. Only meaningful with a Lipschitz
 * constraint, here {@link InterpolationPenalty}.
 */
public final class WassersteinLoss implements AdversarialLoss {
  @Override
  public NDArray discriminator(NDArray real, NDArray fake) {
    return fake.mean().sub(real.mean());
  }

  @Override
  public NDArray generator(NDArray fake) {
    return fake.mean().neg();
  }
}
