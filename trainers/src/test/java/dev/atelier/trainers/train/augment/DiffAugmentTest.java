package dev.atelier.trainers.train.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.atelier.trainers.spec.AugmentSpec.DiffAug;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiffAugmentTest {
  private static final int N = 8;
  private static final int S = 32;
  private static final int PLANE = S * S;
  private static final int LEN = 3 * PLANE;
  private NDManager m;

  @BeforeEach
  void manager() {
    m = NDManager.newBaseManager(Device.cpu(), "PyTorch");
  }

  @AfterEach
  void close() {
    m.close();
  }

  /** N images of values in [0.1, 1]: never zero, so a zero in the output was filled in. */
  private NDArray images() {
    Random r = new Random(42);
    float[] v = new float[N * LEN];
    for (int i = 0; i < v.length; i++) {
      v[i] = 0.1f + 0.9f * r.nextFloat();
    }
    return m.create(v, new Shape(N, 3, S, S));
  }

  /** Image n of x shifted so that out(y, x) = in(y + dy, x + dx), zero outside. */
  private static boolean isShift(float[] in, float[] out, int n, int dy, int dx) {
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < S; y++) {
        for (int x = 0; x < S; x++) {
          int sy = y + dy;
          int sx = x + dx;
          float expected =
              sy >= 0 && sy < S && sx >= 0 && sx < S ? in[n * LEN + c * PLANE + sy * S + sx] : 0;
          if (out[n * LEN + c * PLANE + y * S + x] != expected) {
            return false;
          }
        }
      }
    }
    return true;
  }

  @Test
  void translationShiftsEachImageByAtMostAnEighthAndFillsWithZeros() {
    NDArray x = images();
    float[] in = x.toFloatArray();
    float[] out = new TranslationAugment().apply(x, new Random(1)).toFloatArray();
    Set<String> shifts = new HashSet<>();
    for (int n = 0; n < N; n++) {
      String found = null;
      for (int dy = -4; dy <= 4 && found == null; dy++) {
        for (int dx = -4; dx <= 4 && found == null; dx++) {
          if (isShift(in, out, n, dy, dx)) {
            found = dy + "," + dx;
          }
        }
      }
      assertTrue(found != null, "image " + n + " is not a shift of at most 4 pixels");
      shifts.add(found);
    }
    assertTrue(shifts.size() > 1, "every image drew its own shift: " + shifts);
  }

  @Test
  void gradientsFlowBackThroughTranslationAndCutout() {
    NDArray x = images();
    x.setRequiresGradient(true);
    try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
      Random r = new Random(3);
      NDArray out = new CutoutAugment().apply(new TranslationAugment().apply(x, r), r);
      gc.backward(out.sum());
      // out is a 0/1 selection of x's pixels, so d(sum out)/dx is 1 exactly where a pixel
      // survives, and the pixels that survive are the non-zero outputs.
      float[] grad = x.getGradient().toFloatArray();
      int ones = 0;
      for (float g : grad) {
        assertTrue(g == 0 || g == 1, "gradient " + g);
        ones += (int) g;
      }
      int kept = 0;
      for (float v : out.toFloatArray()) {
        kept += v != 0 ? 1 : 0;
      }
      assertEquals(kept, ones);
      assertTrue(ones > N * LEN / 2, ones + " pixels received a gradient");
    }
  }

  @Test
  void cutoutZeroesOneSquareOfAtMostHalfTheSidePerImage() {
    float[] out =
        new CutoutAugment().apply(m.ones(new Shape(N, 3, S, S)), new Random(2)).toFloatArray();
    for (int n = 0; n < N; n++) {
      int minY = S;
      int maxY = -1;
      int minX = S;
      int maxX = -1;
      int zeros = 0;
      for (int y = 0; y < S; y++) {
        for (int x = 0; x < S; x++) {
          float v = out[n * LEN + y * S + x];
          for (int c = 1; c < 3; c++) {
            assertEquals(v, out[n * LEN + c * PLANE + y * S + x], "same mask on every channel");
          }
          if (v == 0) {
            zeros++;
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
          }
        }
      }
      int h = maxY - minY + 1;
      int w = maxX - minX + 1;
      assertEquals(h * w, zeros, "image " + n + ": the zeros form a rectangle");
      assertTrue(h >= 8 && h <= 16 && w >= 8 && w <= 16, "image " + n + ": " + h + "x" + w);
    }
  }

  @Test
  void colourMovesAGreyImageByOneBrightnessOffsetPerImage() {
    // Grey images: saturation and contrast have nothing to scale; only brightness shows.
    float[] out =
        new ColorAugment().apply(m.full(new Shape(N, 3, S, S), 0.2f), new Random(4)).toFloatArray();
    Set<Float> offsets = new HashSet<>();
    for (int n = 0; n < N; n++) {
      float first = out[n * LEN];
      for (int i = 0; i < LEN; i++) {
        assertEquals(first, out[n * LEN + i], 1e-6);
      }
      assertTrue(Math.abs(first - 0.2f) <= 0.5f, "offset " + (first - 0.2f));
      offsets.add(first);
    }
    assertTrue(offsets.size() > 1);
  }

  @Test
  void theSameGeneratorDrawsTheSameAugmentationInTheAuthorsOrder() {
    NDArray x = images();
    DiffAugment all = DiffAugment.of(List.of(DiffAug.CUTOUT, DiffAug.COLOR, DiffAug.TRANSLATION));
    float[] a = all.apply(x, new Random(7)).toFloatArray();
    assertArrayEquals(a, all.apply(x, new Random(7)).toFloatArray());
    Random r = new Random(7);
    NDArray byHand =
        new CutoutAugment()
            .apply(new TranslationAugment().apply(new ColorAugment().apply(x, r), r), r);
    assertArrayEquals(a, byHand.toFloatArray());
    assertTrue(DiffAugment.of(List.of()).isIdentity());
  }
}
