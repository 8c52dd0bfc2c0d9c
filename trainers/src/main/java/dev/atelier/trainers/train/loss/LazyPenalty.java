package dev.atelier.trainers.train.loss;

import ai.djl.ndarray.NDArray;

/**
 * StyleGAN2's lazy regularisation (Karras et al. 2020, section 3.1): a penalty computed only every
 * {@code interval} steps, with {@code interval} times its weight, so on average it pulls as hard at
 * a fraction of the cost ({@code hyperparams.r1_interval}; stylegan2: 16). Unlike the reference it
 * leaves Adam's learning rate and betas as they are (the reference scales them by 16/17 to account
 * for the extra update of its separate regularisation pass; here the penalty rides in the same
 * update as the loss).
 */
public final class LazyPenalty implements GradientPenalty {
  private final GradientPenalty scaled;
  private final int interval;

  /**
   * @param scaled the penalty already at {@code interval} times its weight
   */
  public LazyPenalty(GradientPenalty scaled, int interval) {
    this.scaled = scaled;
    this.interval = interval;
  }

  @Override
  public NDArray penalty(PenaltyInputs in) {
    return scaled.penalty(in);
  }

  @Override
  public boolean atReal() {
    return scaled.atReal();
  }

  @Override
  public boolean atFake() {
    return scaled.atFake();
  }

  @Override
  public boolean appliesAt(int step) {
    return step % interval == 0;
  }
}
