package dev.atelier.trainers.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KidTest {
  @Test
  void twoPointsInOneDimensionMatchTheHandComputedValue() {
    // d = 1, k(x, y) = (x y + 1)^3. X = {0, 1}, Y = {1, 2}, m = 2 (every subset is all points):
    // XX off-diagonal mean: k(0, 1) = 1; YY: k(1, 2) = 27;
    // XY mean: (k(0,1) + k(0,2) + k(1,1) + k(1,2)) / 4 = (1 + 1 + 8 + 27) / 4 = 9.25.
    // MMD^2 = 1 + 27 - 2 * 9.25 = 9.5
    FeatureMatrix x = new FeatureMatrix(new float[] {0, 1}, 2, 1);
    FeatureMatrix y = new FeatureMatrix(new float[] {1, 2}, 2, 1);
    Kid.Estimate kid = new Kid(y, 5, 1000, 1).distance(x);
    assertEquals(9.5, kid.mean(), 1e-12);
    assertEquals(0.0, kid.std(), 1e-12);
    assertEquals(2, kid.subsetSize());
  }

  @Test
  void pairedSetsLeaveThePairsOutOfTheCrossTerm() {
    // The same points as above, x_i paired with y_i: XY over i != j only:
    // (k(0, 2) + k(1, 1)) / 2 = (1 + 8) / 2 = 4.5, so MMD^2_u = 1 + 27 - 2 * 4.5 = 19.
    FeatureMatrix x = new FeatureMatrix(new float[] {0, 1}, 2, 1);
    FeatureMatrix y = new FeatureMatrix(new float[] {1, 2}, 2, 1);
    assertEquals(19, new Kid(y, 5, 1000, 1).pairedDistance(x).mean(), 1e-12);
    // Outputs that copy their own real rows with a little noise, like a good SR model's: the
    // unpaired estimate counts each copy against its original and drops well below zero.
    Random r = new Random(5);
    FeatureMatrix real = gaussian(r, 16, 8, 0);
    float[] near = real.data().clone();
    for (int i = 0; i < near.length; i++) {
      near[i] += (float) (0.05 * r.nextGaussian());
    }
    Kid kid = new Kid(real, 10, 1000, 2);
    FeatureMatrix copies = new FeatureMatrix(near, 16, 8);
    assertEquals(0, kid.pairedDistance(real).mean(), 1e-9);
    assertTrue(Math.abs(kid.pairedDistance(copies).mean()) < 0.05, kid.pairedDistance(copies) + "");
    assertTrue(kid.distance(copies).mean() < -0.1, kid.distance(copies) + "");
  }

  @Test
  void matchesNumpyOnTwelveFourDimensionalPoints() {
    JsonNode k = QualityFixtures.expected().get("kid");
    FeatureMatrix fake = FeatureMatrix.of(QualityFixtures.matrix(k.get("fake")));
    FeatureMatrix real = FeatureMatrix.of(QualityFixtures.matrix(k.get("real")));
    assertEquals(k.get("kid").asDouble(), new Kid(real, 3, 12, 7).distance(fake).mean(), 1e-9);
  }

  @Test
  void nearZeroForTheSameDistributionAndClearlyPositiveForAnother() {
    Random r = new Random(11);
    FeatureMatrix real = gaussian(r, 1500, 16, 0);
    Kid kid = new Kid(real, 50, 200, 3);
    Kid.Estimate same = kid.distance(gaussian(r, 256, 16, 0));
    FeatureMatrix shifted = gaussian(r, 256, 16, 0.5);
    Kid.Estimate other = kid.distance(shifted);
    assertTrue(Math.abs(same.mean()) < 0.02, "same: " + same);
    assertTrue(other.mean() > 10 * Math.abs(same.mean()) + 0.05, "other: " + other);
    assertEquals(200, same.subsetSize());
    // Fixed seeds: the same samples measure the same at every step.
    assertEquals(other, kid.distance(shifted));
  }

  @Test
  void badParametersNameTheOption() {
    FeatureMatrix real = gaussian(new Random(1), 10, 2, 0);
    assertEquals(
        "kid_subsets: 0 must be >= 1",
        assertThrows(IllegalArgumentException.class, () -> new Kid(real, 0, 10, 1)).getMessage());
    assertEquals(
        "kid_subset_size: 1 must be >= 2",
        assertThrows(IllegalArgumentException.class, () -> new Kid(real, 1, 1, 1)).getMessage());
  }

  static FeatureMatrix gaussian(Random r, int n, int d, double shift) {
    float[] data = new float[n * d];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) (r.nextGaussian() + shift);
    }
    return new FeatureMatrix(data, n, d);
  }
}
