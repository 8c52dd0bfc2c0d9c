package dev.atelier.trainers.model;

/**
 * Where a progressively grown network pair stands: the active level (0 = the start resolution, each
 * level doubles it) and, while that level fades in, alpha in [0, 1) (the new level's weight in the
 * blend; 1 = fully grown). One instance is shared by G, its weight average and D, and set by the
 * training loop before each step from the step alone, so a resumed run is at the same stage.
 */
public final class GrowthStage {
  private int level;
  private double alpha = 1;

  public int level() {
    return level;
  }

  public double alpha() {
    return alpha;
  }

  public void set(int level, double alpha) {
    if (level < 0 || !(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("level " + level + ", alpha " + alpha);
    }
    this.level = level;
    this.alpha = alpha;
  }
}
