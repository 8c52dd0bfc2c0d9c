package dev.atelier.trainers.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchSamplerTest {
  /** Ten 8x8 images, image i filled with the value i. */
  private static ImageDataset numbered() {
    int len = 3 * 8 * 8;
    float[] px = new float[10 * len];
    for (int i = 0; i < px.length; i++) {
      px[i] = i / len;
    }
    return new ImageDataset(px, 10, 8, 0);
  }

  @Test
  void anEpochVisitsEveryImageOnce() {
    BatchSampler s = new BatchSampler(numbered(), 7);
    float[] batch = new float[5 * 192];
    Set<Float> seen = new HashSet<>();
    for (int b = 0; b < 2; b++) {
      s.next(batch, 5);
      for (int k = 0; k < 5; k++) {
        seen.add(batch[k * 192]);
      }
    }
    assertEquals(10, seen.size());
  }

  @Test
  void theSameSeedReplaysTheSameBatches() {
    float[] a = new float[4 * 192];
    float[] b = new float[4 * 192];
    new BatchSampler(numbered(), 3).next(a, 4);
    new BatchSampler(numbered(), 3).next(b, 4);
    assertArrayEquals(a, b);
  }
}
