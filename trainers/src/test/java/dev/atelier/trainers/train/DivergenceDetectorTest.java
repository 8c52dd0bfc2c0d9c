package dev.atelier.trainers.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.trainers.spec.DivergenceSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DivergenceDetectorTest {
  private static StepStats losses(float g, float d) {
    return new StepStats(g, d, 0, 0, 1, 1);
  }

  @Test
  void aDiscriminatorLossPinnedUnderTheFloorForTheWindowIsDivergence() {
    DivergenceDetector det = new DivergenceDetector(new DivergenceSpec(1e-4, 3), true, 0);
    assertTrue(det.check(1, losses(5, 1e-5f)).isEmpty());
    assertTrue(det.check(2, losses(5, 1e-5f)).isEmpty());
    assertTrue(det.check(3, losses(5, 0.5f)).isEmpty(), "one good step restarts the count");
    assertTrue(det.check(4, losses(5, 0f)).isEmpty());
    assertTrue(det.check(5, losses(5, 2e-5f)).isEmpty());
    assertEquals(
        Optional.of(
            "loss_d stayed below 0.0001 for 3 consecutive steps (steps 4 to 6):"
                + " D wins outright and G gets no gradient"),
        det.check(6, losses(5, 0f)));
  }

  @Test
  void theCountCarriesOverFromACheckpoint() {
    DivergenceDetector det = new DivergenceDetector(new DivergenceSpec(1e-4, 3), true, 2);
    assertTrue(det.check(11, losses(5, 0f)).isPresent());
  }

  @Test
  void aCriticsLossNearZeroIsNotDivergence() {
    DivergenceDetector det = new DivergenceDetector(new DivergenceSpec(1e-4, 2), false, 0);
    for (int step = 1; step <= 5; step++) {
      assertTrue(det.check(step, losses(1, 0f)).isEmpty());
    }
  }

  @Test
  void aNonFiniteLossNamesTheLossAndTheStep() {
    DivergenceDetector det = new DivergenceDetector(DivergenceSpec.DEFAULTS, true, 0);
    assertEquals(Optional.of("loss_d was NaN at step 7"), det.check(7, losses(1, Float.NaN)));
    assertEquals(
        Optional.of("loss_g was +Inf at step 8"), det.check(8, losses(Float.POSITIVE_INFINITY, 1)));
  }
}
