package dev.atelier.trainers.sr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.spec.ProbeSpec;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SrProbeTest {
  /** Each generated image, identified by its pixels. */
  private static Set<String> images(float[] px, int from, int count, int len) {
    Set<String> s = new HashSet<>();
    for (int k = from; k < from + count; k++) {
      s.add(Arrays.toString(Arrays.copyOfRange(px, k * len, (k + 1) * len)));
    }
    return s;
  }

  @Test
  void heldOutProbesAreNotTrainedOnAndEveryOtherImageIs() {
    ImageDataset data = SmoothImages.dataset(20, 8, 11);
    int len = data.imageLength();
    Set<String> all = images(data.pixels().clone(), 0, 20, len);
    SrProbe.Split split = SrProbe.split(data, new ProbeSpec(99, 5));
    assertTrue(split.heldOut());
    assertEquals(15, split.train().count());
    Set<String> probes = images(split.probe().hr, 0, 5, len);
    Set<String> train = images(split.train().pixels(), 0, 15, len);
    assertEquals(5, probes.size());
    assertEquals(15, train.size());
    train.forEach(t -> assertFalse(probes.contains(t)));
    Set<String> union = new HashSet<>(train);
    union.addAll(probes);
    assertEquals(all, union);
    // Inputs are the probes' 4x area downsampling; the baseline is their nearest enlargement.
    assertEquals(5 * 3 * 2 * 2, split.probe().lr.length);
    assertTrue(split.probe().psnrNearest > 10 && split.probe().psnrNearest < 60);
  }

  @Test
  void aSmallDataSetTrainsOnItsProbesToo() {
    SrProbe.Split split = SrProbe.split(SmoothImages.dataset(6, 8, 1), new ProbeSpec(1, 4));
    assertFalse(split.heldOut());
    assertEquals(6, split.train().count());
    assertEquals(4, split.probe().count);
  }
}
