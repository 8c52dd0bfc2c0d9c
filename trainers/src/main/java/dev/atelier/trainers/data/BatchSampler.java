package dev.atelier.trainers.data;

import java.util.Random;
import java.util.function.LongFunction;

/**
 * Fills a caller-owned batch buffer with the images of one step. The data are walked epoch by
 * epoch, each epoch a shuffle drawn from its own generator, so step s always gets images s*B ..
 * s*B+B-1 of that endless sequence: a pure function of (seed, step), which is what lets a resumed
 * run see exactly the batches the uninterrupted one would have. With mirroring, each image of a
 * step is flipped left-right or not by a coin from that step's own generator.
 */
public final class BatchSampler {
  private final ImageDataset data;
  private final LongFunction<Random> epochOrder;
  private final LongFunction<Random> stepFlips;
  private final int[] order;
  private long orderEpoch = -1;

  /**
   * @param epochOrder the generator that shuffles epoch e
   * @param stepFlips the generator of step s's mirror coins, or null for no mirroring
   */
  public BatchSampler(
      ImageDataset data, LongFunction<Random> epochOrder, LongFunction<Random> stepFlips) {
    this.data = data;
    this.epochOrder = epochOrder;
    this.stepFlips = stepFlips;
    this.order = new int[data.count()];
  }

  public void fill(float[] batch, int batchSize, long step) {
    fill(batch, null, batchSize, step);
  }

  /**
   * @param labels receives each image's class ({@link ImageDataset#labels()}), or null
   */
  public void fill(float[] batch, int[] labels, int batchSize, long step) {
    int len = data.imageLength();
    Random flips = stepFlips == null ? null : stepFlips.apply(step);
    for (int b = 0; b < batchSize; b++) {
      long global = step * batchSize + b;
      long epoch = global / order.length;
      if (epoch != orderEpoch) {
        shuffle(epoch);
      }
      int image = order[(int) (global % order.length)];
      if (labels != null) {
        labels[b] = data.labels()[image];
      }
      if (flips != null && flips.nextBoolean()) {
        mirror(data.pixels(), image * len, batch, b * len, data.size());
      } else {
        System.arraycopy(data.pixels(), image * len, batch, b * len, len);
      }
    }
  }

  private void shuffle(long epoch) {
    Random random = epochOrder.apply(epoch);
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    orderEpoch = epoch;
  }

  /** Copies one CHW image with each row reversed. */
  static void mirror(float[] src, int from, float[] dst, int to, int size) {
    for (int row = 0; row < 3 * size; row++) {
      int s = from + row * size;
      int d = to + row * size;
      for (int x = 0; x < size; x++) {
        dst[d + x] = src[s + size - 1 - x];
      }
    }
  }
}
