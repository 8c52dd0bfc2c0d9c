package dev.atelier.trainers.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * Hinge loss (Lim and Ye 2017, as in SN-GAN and BigGAN): D pushes real logits above +1 and fake
 * ones below -1 and stops caring past the margin; G raises D's output on its samples.
 */
public final class HingeLoss implements AdversarialLoss {
  @Override
  public NDArray discriminator(NDArray real, NDArray fake) {
    return Activation.relu(real.neg().add(1)).mean().add(Activation.relu(fake.add(1)).mean());
  }

  @Override
  public NDArray generator(NDArray fake) {
    return fake.mean().neg();
  }
}
