package dev.atelier.trainers.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * BCE on logits with the non-saturating generator loss -log D(G(z)) (Goodfellow et al. 2014), via
 * softplus, which is log(1 + e^x) computed without overflow: softplus(-x) = -log sigmoid(x).
 */
public final class NonSaturatingLoss implements AdversarialLoss {
  @Override
  public NDArray discriminator(NDArray real, NDArray fake) {
    return Activation.softPlus(real.neg()).mean().add(Activation.softPlus(fake).mean());
  }

  @Override
  public NDArray generator(NDArray fake) {
    return Activation.softPlus(fake.neg()).mean();
  }
}
