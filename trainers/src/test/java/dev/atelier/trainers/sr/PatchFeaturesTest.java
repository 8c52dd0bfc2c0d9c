package dev.atelier.trainers.sr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The rows of srgan4x's built-in quality space, by hand on small images. */
class PatchFeaturesTest {
  /** One 3-channel image of side {@code size}: value at (c, y, x) = c * 1000 + y * size + x. */
  private static float[] ramp(int count, int size) {
    float[] v = new float[count * 3 * size * size];
    for (int n = 0; n < count; n++) {
      for (int c = 0; c < 3; c++) {
        for (int i = 0; i < size * size; i++) {
          v[(n * 3 + c) * size * size + i] = n * 10_000 + c * 1000 + i;
        }
      }
    }
    return v;
  }

  @Test
  void aPatchIsItsChannelsMinusTheirMeanWithoutTheLastPixel() {
    // 6x6: one patch, rows 2..5 and columns 2..5. Pixel (y, x) holds y * 6 + x, so the patch is
    // 14 15 16 17 / 20 21 22 23 / 26 .. / 32 33 34 35, mean 24.5, the same for every channel.
    float[][] rows = new PatchFeatures().features(ramp(1, 6), 1, 6);
    assertEquals(1, rows.length);
    assertEquals(45, rows[0].length);
    float[] channel = {
      -10.5f, -9.5f, -8.5f, -7.5f, -4.5f, -3.5f, -2.5f, -1.5f, 1.5f, 2.5f, 3.5f, 4.5f, 7.5f, 8.5f,
      9.5f
    };
    for (int c = 0; c < 3; c++) {
      float[] got = new float[15];
      System.arraycopy(rows[0], c * 15, got, 0, 15);
      assertArrayEquals(channel, got, 1e-4f, "channel " + c);
    }
  }

  @Test
  void rowsComeImageByImageThenRowMajorAndStayWithinTheCap() {
    // 13 px: patches at 2 and 6 (one at 10 would overrun: 10 + 4 > 13): 2x2 per image.
    float[][] rows = new PatchFeatures().features(ramp(2, 13), 2, 13);
    assertEquals(8, rows.length);
    // Row 1 is image 0's patch at (2, 6): its first value is pixel (2, 6) minus the patch mean.
    double mean = 0;
    for (int y = 2; y < 6; y++) {
      for (int x = 6; x < 10; x++) {
        mean += y * 13 + x;
      }
    }
    mean /= 16;
    assertEquals(2 * 13 + 6 - mean, rows[1][0], 1e-3);
    // Image 1's rows equal image 0's (a constant offset disappears with the mean).
    assertArrayEquals(rows[0], rows[4], 1e-3f);
    // 16 probes: every position at 32 px (7x7 each), every other one at 64 px (8x8 each).
    assertEquals(4, PatchFeatures.stride(16, 32));
    assertEquals(8, PatchFeatures.stride(16, 64));
    assertEquals(16 * 64, new PatchFeatures().features(new float[16 * 3 * 64 * 64], 16, 64).length);
  }

  @Test
  void imagesSmallerThanOnePatchAreRefusedByName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new PatchFeatures().features(new float[3 * 25], 1, 5));
    assertEquals(
        "images: 75 floats for 1 images of 3x5x5 (the patch4 features need images of at least"
            + " 6x6)",
        e.getMessage());
  }
}
