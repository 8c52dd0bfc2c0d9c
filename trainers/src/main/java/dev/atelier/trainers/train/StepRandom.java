package dev.atelier.trainers.train;

import java.util.Random;

/**
 * Every random draw of training is a pure function of (seed, step, purpose): a resumed run draws
 * exactly what the uninterrupted one would have, with no generator state to save. Each purpose has
 * its own stream so adding a draw to one never shifts another.
 */
public enum StepRandom {
  LATENTS,
  DATA_ORDER,
  MIRROR,
  AUGMENT,
  PENALTY,
  /** Adaptive augmentation's draws (after the others, so their streams are what they were). */
  ADA,
  /** stylegan2's style mixing and per-layer noise. */
  STYLE,
  /**
   * stylegan2's path-length pass: its own mixing, noise and random image directions (last, so the
   * other streams are what they were).
   */
  PATH_LENGTH;

  /** A generator for this purpose at this step (for DATA_ORDER, "step" is the epoch). */
  public Random at(long seed, long step) {
    return new Random(mix(mix(seed) ^ mix(step * 0x9E3779B97F4A7C15L + ordinal() + 1)));
  }

  /** SplitMix64's finaliser: nearby inputs give unrelated outputs. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
