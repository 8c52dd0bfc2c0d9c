package dev.atelier.trainers.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import dev.atelier.trainers.model.NearestUpsample;
import dev.atelier.trainers.spec.ProgressiveSpec;

/**
 * Progressive growing's schedule as a pure function of the step: the images shown before step s are
 * s * batch_size; the start resolution trains for {@code stabilise_images}, then each level fades
 * in over {@code fade_in_images} (alpha = images into the fade / fade_in_images, so 0 at the fade's
 * first step) and trains for {@code stabilise_images}; after the last level, full size with alpha
 * 1. Being a function of the step, a resumed run is at the same resolution and alpha with nothing
 * saved for it.
 */
public final class GrowthSchedule {
  private final ProgressiveSpec spec;
  private final int size;
  private final int batchSize;
  private final int levels;

  public GrowthSchedule(ProgressiveSpec spec, int size, int batchSize) {
    this.spec = spec;
    this.size = size;
    this.batchSize = batchSize;
    this.levels = Integer.numberOfTrailingZeros(size / spec.startSize());
  }

  /**
   * @param level 0 at the start resolution
   * @param resolution the side of the images G makes and D takes at this stage
   * @param alpha the new level's weight while it fades in; 1 once it is grown
   */
  public record Stage(int level, int resolution, double alpha) {}

  public Stage at(long step) {
    long images = step * batchSize;
    long t = images - spec.stabiliseImages();
    int level = 0;
    double alpha = 1;
    long phase = spec.fadeInImages() + spec.stabiliseImages();
    if (t >= 0) {
      level = (int) Math.min(levels, t / phase + 1);
      long into = t - (long) (level - 1) * phase;
      alpha = into < spec.fadeInImages() ? (double) into / spec.fadeInImages() : 1;
    }
    return new Stage(level, spec.startSize() << level, alpha);
  }

  /**
   * The real batch (N, 3, size, size) as D sees it at a stage: averaged down to the resolution and,
   * while a level fades in, blended with its own 2x2-averaged-and-doubled version by the same alpha
   * as G's output, so real and fake images change the same way (as the paper does).
   */
  static NDArray real(NDArray full, Stage stage, int size) {
    int factor = size / stage.resolution();
    NDArray x = factor == 1 ? full : pool(full, factor);
    if (stage.alpha() < 1) {
      NDArray coarse = NearestUpsample.apply(pool(x, 2), 2);
      x = coarse.add(x.sub(coarse).mul((float) stage.alpha()));
    }
    return x;
  }

  private static NDArray pool(NDArray x, int factor) {
    Shape k = new Shape(factor, factor);
    return Pool.avgPool2d(x, k, k, new Shape(0, 0), false, true);
  }
}
