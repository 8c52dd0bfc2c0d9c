package dev.atelier.trainers.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchSamplerTest {
  private static final int LEN = 3 * 8 * 8;

  /** Ten 8x8 images, image i filled with the value i. */
  private static ImageDataset numbered() {
    float[] px = new float[10 * LEN];
    for (int i = 0; i < px.length; i++) {
      px[i] = i / LEN;
    }
    return new ImageDataset(px, 10, 8, 0);
  }

  private static BatchSampler sampler(ImageDataset data, long seed, boolean mirror) {
    return new BatchSampler(
        data,
        epoch -> new Random(seed * 1000 + epoch),
        mirror ? step -> new Random(seed * 7777 + step) : null);
  }

  @Test
  void anEpochVisitsEveryImageOnce() {
    BatchSampler s = sampler(numbered(), 7, false);
    float[] batch = new float[5 * LEN];
    Set<Float> seen = new HashSet<>();
    for (int step = 0; step < 2; step++) {
      s.fill(batch, 5, step);
      for (int k = 0; k < 5; k++) {
        seen.add(batch[k * LEN]);
      }
    }
    assertEquals(10, seen.size());
  }

  @Test
  void aStepsBatchDependsOnlyOnSeedAndStep() {
    // Walking steps 0..5 in order, or asking for step 5 straight away, as a resumed run does.
    float[] walked = new float[4 * LEN];
    BatchSampler a = sampler(numbered(), 3, true);
    for (int step = 0; step <= 5; step++) {
      a.fill(walked, 4, step);
    }
    float[] direct = new float[4 * LEN];
    sampler(numbered(), 3, true).fill(direct, 4, 5);
    assertArrayEquals(walked, direct);
    float[] other = new float[4 * LEN];
    sampler(numbered(), 4, true).fill(other, 4, 5);
    assertTrue(!java.util.Arrays.equals(direct, other), "another seed, other batches");
  }

  @Test
  void mirroringFlipsAboutHalfOfTheImagesLeftRight() {
    // One 8x8 image whose left half is -1 and right half +1.
    float[] px = new float[LEN];
    for (int i = 0; i < LEN; i++) {
      px[i] = (i % 8) < 4 ? -1 : 1;
    }
    ImageDataset one = new ImageDataset(px, 1, 8, 0);
    BatchSampler s = sampler(one, 1, true);
    float[] batch = new float[16 * LEN];
    int flipped = 0;
    for (int step = 0; step < 8; step++) {
      s.fill(batch, 16, step);
      for (int k = 0; k < 16; k++) {
        float left = batch[k * LEN];
        float right = batch[k * LEN + 7];
        assertEquals(-left, right, "each image is the original or its mirror");
        if (left == 1) {
          flipped++;
        }
      }
    }
    assertTrue(flipped > 40 && flipped < 88, flipped + " of 128 flipped");
    float[] noMirror = new float[16 * LEN];
    sampler(one, 1, false).fill(noMirror, 16, 0);
    assertArrayEquals(java.util.Arrays.copyOf(noMirror, LEN), px);
  }
}
