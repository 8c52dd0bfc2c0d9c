package dev.atelier.workflows.search;

import static dev.atelier.workflows.search.History.ev;
import static dev.atelier.workflows.search.History.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class ModeCollapseRuleTest {
  private final ModeCollapseRule rule = new ModeCollapseRule(0.5, 2);

  private static Evaluation div(long step, double samples, double real) {
    return ev(step, "diversity_rgb8", samples, "diversity_real_rgb8", real, "fd_rgb8", 5.0);
  }

  @Test
  void stopsAtTheSecondEvaluationBelowHalfTheRealDiversityAndNotBefore() {
    Evaluation ok = div(100, 0.20, 0.31);
    Evaluation low1 = div(200, 0.14, 0.31); // 0.14 < 0.155
    Evaluation low2 = div(300, 0.12, 0.31);
    assertFalse(rule.judge(trial(ok, low1)).stops());
    assertEquals(
        Verdict.stop(
            StopReason.MODE_COLLAPSE,
            "diversity_rgb8 0.12 is below 0.5 × diversity_real_rgb8 0.31 for 2 evaluations in a"
                + " row (steps 200–300)"),
        rule.judge(trial(ok, low1, low2)));
  }

  @Test
  void exactlyAtTheFractionIsNotCollapsed() {
    assertFalse(rule.judge(trial(div(100, 0.155, 0.31), div(200, 0.155, 0.31))).stops());
  }

  @Test
  void evaluationsWithoutDiversityNeitherCountNorBreakTheStreak() {
    Evaluation lossesOnly = ev(250, "loss_d_avg", 0.6);
    assertFalse(rule.judge(trial(div(100, 0.3, 0.31), div(200, 0.1, 0.31), lossesOnly)).stops());
    assertEquals(
        StopReason.MODE_COLLAPSE,
        rule.judge(trial(div(200, 0.1, 0.31), lossesOnly, div(300, 0.1, 0.31))).reason());
  }

  @Test
  void anyFeatureSpaceCanCollapseOnItsOwnStreak() {
    Evaluation a =
        ev(
            100,
            "diversity_rgb8",
            0.3,
            "diversity_real_rgb8",
            0.31,
            "diversity_dino",
            1.0,
            "diversity_real_dino",
            4.0);
    Evaluation b =
        ev(
            200,
            "diversity_rgb8",
            0.1,
            "diversity_real_rgb8",
            0.31,
            "diversity_dino",
            1.0,
            "diversity_real_dino",
            4.0);
    // dino is below half at 100 and 200; rgb8 only at 200
    assertEquals(
        "diversity_dino 1 is below 0.5 × diversity_real_dino 4 for 2 evaluations in a row (steps"
            + " 100–200)",
        rule.judge(trial(a, b)).detail());
  }
}
