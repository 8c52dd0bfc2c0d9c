package dev.atelier.ui.service;

/**
 * The checkpoint a promotion registers: its folder among the run's artifacts and the step its
 * {@code checkpoint.json} names.
 *
 * @param path {@code checkpoints/step_0000300} or {@code checkpoints/final}
 */
public record PromotionCheckpoint(String path, long step) {
  /** The sample grid drawn at this checkpoint's step. */
  public String gridPath() {
    return String.format("samples/step_%07d.png", step);
  }
}
