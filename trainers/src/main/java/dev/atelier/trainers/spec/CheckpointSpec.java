package dev.atelier.trainers.spec;

/**
 * Resumable checkpoints: one every {@code every} steps under {@code checkpoints/step_NNNNNNN/}, of
 * which the last {@code keepLast} are kept plus the one with the lowest {@code keepBestBy} metric.
 */
public record CheckpointSpec(int every, int keepLast, String keepBestBy) {
  public static final CheckpointSpec DEFAULTS = new CheckpointSpec(500, 3, "fd_diag_rgb8");
}
