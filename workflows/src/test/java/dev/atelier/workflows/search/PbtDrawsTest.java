package dev.atelier.workflows.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PbtDrawsTest {
  private static ParamSpec p(String name) {
    return PbtTest.SPACE.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void numbersAreScaledAndClippedToTheBounds() {
    assertEquals(2.4e-4, (Double) PbtDraws.scaled(p("lr"), 2e-4, 1.2), 1e-15);
    assertEquals(1e-2, PbtDraws.scaled(p("lr"), 9e-3, 1.2));
    assertEquals(1e-5, PbtDraws.scaled(p("lr"), 1.1e-5, 0.8));
  }

  @Test
  void intsAreRoundedToTheirStepInsideTheBounds() {
    assertEquals(80, PbtDraws.scaled(p("batch"), 64, 1.2)); // 76.8 → nearest multiple of 16
    assertEquals(128, PbtDraws.scaled(p("batch"), 128, 1.2));
    assertEquals(16, PbtDraws.scaled(p("batch"), 16, 0.8));
    assertEquals(56, PbtDraws.scaled(p("width"), 47, 1.2)); // 56.4
    assertEquals(32, PbtDraws.scaled(p("width"), 33, 0.8)); // 26.4, clipped
  }

  @Test
  void quantizedValuesSnapToTheirGrid() {
    assertEquals(0.6, PbtDraws.scaled(p("beta1"), 0.5, 1.2));
    assertEquals(0.4, PbtDraws.scaled(p("beta1"), 0.5, 0.8));
    assertEquals(0.9, PbtDraws.scaled(p("beta1"), 0.8, 1.2)); // 0.96, clipped
    assertEquals(0.3, PbtDraws.scaled(p("beta1"), 0.3, 1.1)); // 0.33 → 0.3
  }

  @Test
  void aCategoricalMovesToANeighbourAndStaysAtAnEnd() {
    ParamSpec loss = p("loss");
    SplittableRandom rng = new SplittableRandom(5);
    int kept = 0;
    for (int i = 0; i < 200; i++) {
      Object next = PbtDraws.neighbour(loss, "bce", rng);
      assertTrue(List.of("bce", "hinge").contains(next), "bce's neighbour " + next);
      kept += "bce".equals(next) ? 1 : 0;
    }
    assertTrue(kept > 60 && kept < 140, kept + " of 200 kept bce");
  }

  @Test
  void freshDrawsLieInTheSpaceWithTheSamplersTypes() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int i = 0; i < 500; i++) {
      double lr = (Double) PbtDraws.fresh(p("lr"), rng);
      assertTrue(lr >= 1e-5 && lr <= 1e-2);
      int batch = (Integer) PbtDraws.fresh(p("batch"), rng);
      assertTrue(batch >= 16 && batch <= 128 && batch % 16 == 0, "batch " + batch);
      double beta1 = (Double) PbtDraws.fresh(p("beta1"), rng);
      assertEquals(Math.round(beta1 * 10) / 10.0, beta1, 0.0);
      assertTrue(List.of("bce", "hinge", "wgan").contains(PbtDraws.fresh(p("loss"), rng)));
    }
  }
}
