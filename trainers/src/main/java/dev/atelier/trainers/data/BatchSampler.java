package dev.atelier.trainers.data;

import java.util.Random;

/**
 * Fills a caller-owned batch buffer from the data set, walking a seeded shuffle epoch by epoch, so
 * the step loop allocates nothing and a seed replays the same batches.
 */
public final class BatchSampler {
  private final ImageDataset data;
  private final Random random;
  private final int[] order;
  private int cursor;

  public BatchSampler(ImageDataset data, long seed) {
    this.data = data;
    this.random = new Random(seed);
    this.order = new int[data.count()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    shuffle();
  }

  public void next(float[] batch, int batchSize) {
    int len = data.imageLength();
    for (int b = 0; b < batchSize; b++) {
      if (cursor == order.length) {
        shuffle();
      }
      System.arraycopy(data.pixels(), order[cursor++] * len, batch, b * len, len);
    }
  }

  private void shuffle() {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    cursor = 0;
  }
}
