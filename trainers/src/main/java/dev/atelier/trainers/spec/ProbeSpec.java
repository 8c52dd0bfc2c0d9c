package dev.atelier.trainers.spec;

/**
 * The sweep's fixed probe latents: every trial of a sweep draws the same stream, so grids of two
 * trials at the same step compare like for like.
 */
public record ProbeSpec(long seed, int count) {
  public static final int GRID_TILES = 64;
}
