package dev.atelier.trainers.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DiagonalGaussianTest {
  private static float[] noise(long seed, int count, int size, float centre) {
    Random r = new Random(seed);
    float[] px = new float[count * 3 * size * size];
    for (int i = 0; i < px.length; i++) {
      px[i] = Math.max(-1, Math.min(1, centre + 0.3f * (float) r.nextGaussian()));
    }
    return px;
  }

  @Test
  void aSetIsAtDistanceZeroFromItself() {
    float[] a = noise(1, 50, 32, 0);
    DiagonalGaussian g = DiagonalGaussian.of(a, 0, 50, 32);
    assertEquals(0, g.frechetDistance(g), 1e-12);
  }

  @Test
  void closerColoursScoreLower() {
    DiagonalGaussian data = DiagonalGaussian.of(noise(1, 100, 32, 0.5f), 0, 100, 32);
    DiagonalGaussian near = DiagonalGaussian.of(noise(2, 100, 32, 0.4f), 0, 100, 32);
    DiagonalGaussian far = DiagonalGaussian.of(noise(3, 100, 32, -0.5f), 0, 100, 32);
    assertTrue(near.frechetDistance(data) < far.frechetDistance(data));
  }

  @Test
  void flatImagesHaveTheirColourAsMean() {
    float[] white = new float[2 * 3 * 64 * 64];
    Arrays.fill(white, 1f);
    DiagonalGaussian g = DiagonalGaussian.of(white, 0, 2, 64);
    assertEquals(1.0, g.mean()[0], 1e-9);
    assertEquals(0.0, g.variance()[DiagonalGaussian.DIMS - 1], 1e-9);
  }
}
