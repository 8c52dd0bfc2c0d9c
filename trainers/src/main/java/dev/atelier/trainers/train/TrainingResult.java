package dev.atelier.trainers.train;

import java.util.Map;

/**
 * How a run of the loop ended.
 *
 * @param lastStep the last step completed (0 when none was)
 * @param metrics the last value of each metric, e.g. loss_g, loss_d, images_per_sec, fd_diag_rgb8
 */
public record TrainingResult(
    Ending ending, String reason, int lastStep, Map<String, Double> metrics) {
  public enum Ending {
    COMPLETED,
    DIVERGED,
    INTERRUPTED,
    /** Stopped by its sweep (see {@link StopSignal#prune}), checkpointed like an interruption. */
    PRUNED
  }
}
