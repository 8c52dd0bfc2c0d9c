package dev.atelier.trainers.train.loss;

import ai.djl.ndarray.NDArray;

/**
 * An adversarial objective on the discriminator's raw outputs (logits, or critic scores), shape (N,
 * 1). Each side returns the scalar that network minimises.
 */
public interface AdversarialLoss {
  /** What D minimises, given its outputs on real and on fake images. */
  NDArray discriminator(NDArray real, NDArray fake);

  /** What G minimises, given D's outputs on fake images. */
  NDArray generator(NDArray fake);

  /**
   * Whether G's loss also compares with D's outputs on real images (a relativistic loss): then the
   * step calls {@link #generator(NDArray, NDArray)}.
   */
  default boolean pairsWithReal() {
    return false;
  }

  /** What G minimises, given D's outputs on the real batch and on the fake one. */
  default NDArray generator(NDArray real, NDArray fake) {
    return generator(fake);
  }
}
