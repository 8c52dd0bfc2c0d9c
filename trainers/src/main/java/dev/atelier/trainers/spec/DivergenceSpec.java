package dev.atelier.trainers.spec;

/**
 * When a trial counts as diverged besides a NaN or infinite loss: the discriminator's loss below
 * {@code dLossFloor} for {@code window} consecutive steps, i.e. D wins so completely that G gets no
 * useful gradient. Not applied to {@code wgan_gp}, whose critic loss is signed and may sit near 0.
 */
public record DivergenceSpec(double dLossFloor, int window) {
  public static final DivergenceSpec DEFAULTS = new DivergenceSpec(1e-4, 200);
}
