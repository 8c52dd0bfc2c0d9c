package dev.atelier.trainers.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DiversityTest {
  private static final Random R = new Random(21);
  private static final FeatureMatrix REAL = spread(R, 500, 12);
  private static final double REAL_DIVERSITY = Diversity.meanPairwiseCosineDistance(REAL);

  @Test
  void identicalSamplesHaveNoDiversityAndAreFlaggedAsCollapsed() {
    float[] one = new float[12];
    for (int j = 0; j < 12; j++) {
      one[j] = (float) R.nextGaussian();
    }
    float[] copies = new float[64 * 12];
    for (int i = 0; i < 64; i++) {
      System.arraycopy(one, 0, copies, i * 12, 12);
    }
    double d = Diversity.meanPairwiseCosineDistance(new FeatureMatrix(copies, 64, 12));
    assertEquals(0.0, d, 1e-9);
    assertTrue(Diversity.verdict(d, REAL_DIVERSITY, 0.5).collapsed());
  }

  @Test
  void samplesSpreadLikeTheDataAreNotFlagged() {
    double d = Diversity.meanPairwiseCosineDistance(spread(R, 64, 12));
    assertEquals(REAL_DIVERSITY, d, 0.1 * REAL_DIVERSITY);
    Diversity.Verdict v = Diversity.verdict(d, REAL_DIVERSITY, Diversity.DEFAULT_THRESHOLD);
    assertFalse(v.collapsed(), v.toString());
  }

  @Test
  void equalsTheMeanOverAllPairsComputedOneByOne() {
    FeatureMatrix f = spread(R, 30, 5);
    double sum = 0;
    int pairs = 0;
    for (int i = 0; i < 30; i++) {
      for (int j = 0; j < 30; j++) {
        if (i != j) {
          double dot = 0;
          double ni = 0;
          double nj = 0;
          for (int k = 0; k < 5; k++) {
            double a = f.get(i, k);
            double b = f.get(j, k);
            dot += a * b;
            ni += a * a;
            nj += b * b;
          }
          sum += 1 - dot / Math.sqrt(ni * nj);
          pairs++;
        }
      }
    }
    assertEquals(sum / pairs, Diversity.meanPairwiseCosineDistance(f), 1e-12);
  }

  @Test
  void aThresholdOutsideItsRangeIsRefused() {
    assertEquals(
        "collapse_threshold: 1.5 must be > 0 and <= 1",
        assertThrows(IllegalArgumentException.class, () -> Diversity.verdict(0.1, 0.2, 1.5))
            .getMessage());
  }

  /** Non-negative features like ReLU/pool outputs: cosines are all positive, as with Inception. */
  private static FeatureMatrix spread(Random r, int n, int d) {
    float[] data = new float[n * d];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) Math.abs(r.nextGaussian());
    }
    return new FeatureMatrix(data, n, d);
  }
}
