package dev.atelier.trainers.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The relativistic pairing loss (RpGAN; Jolicoeur-Martineau 2019), R3GAN's adversarial term: real
 * image i is paired with fake image i, and each side wants its own logit above its partner's. D
 * minimises E[softplus(-(D(x_i) - D(G(z_i))))], G the same with the roles swapped, so G's loss
 * needs D's outputs on the real batch too ({@link #pairsWithReal()}). With {@link R1Penalty} and
 * {@link R2Penalty} it is R3GAN's regularised objective.
 */
public final class RelativisticPairingLoss implements AdversarialLoss {
  @Override
  public NDArray discriminator(NDArray real, NDArray fake) {
    return Activation.softPlus(real.sub(fake).neg()).mean();
  }

  @Override
  public boolean pairsWithReal() {
    return true;
  }

  @Override
  public NDArray generator(NDArray real, NDArray fake) {
    return Activation.softPlus(fake.sub(real).neg()).mean();
  }

  @Override
  public NDArray generator(NDArray fake) {
    throw new UnsupportedOperationException("rpgan's generator loss needs D's real outputs");
  }
}
