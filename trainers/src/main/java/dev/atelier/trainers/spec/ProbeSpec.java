package dev.atelier.trainers.spec;

/**
 * The sweep's fixed probe latents: every trial of a sweep draws the same stream, so grids of two
 * trials at the same step compare like for like.
 *
 * @param truncation stylegan2's truncation psi for the probe grid and the style-mixing sheet (w =
 *     w_avg + psi (w - w_avg)); 1 = none. The quality metrics are always measured at 1.
 */
public record ProbeSpec(long seed, int count, double truncation) {
  public static final int GRID_TILES = 64;

  /** Probe latents drawn without truncation. */
  public ProbeSpec(long seed, int count) {
    this(seed, count, 1);
  }
}
