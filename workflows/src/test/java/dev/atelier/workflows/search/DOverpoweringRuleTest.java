package dev.atelier.workflows.search;

import static dev.atelier.workflows.search.History.ev;
import static dev.atelier.workflows.search.History.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class DOverpoweringRuleTest {
  private final DOverpoweringRule rule = new DOverpoweringRule(8.0, 3);

  private static Evaluation gap(long step, double real, double fake) {
    return ev(step, "d_real_avg", real, "d_fake_avg", fake);
  }

  @Test
  void stopsAtTheThirdWideGapInARowAndNotBefore() {
    Evaluation close = gap(100, 1.0, -1.0);
    Evaluation w1 = gap(200, 4.5, -4.0);
    Evaluation w2 = gap(300, 5.0, -4.5);
    Evaluation w3 = gap(400, 5.2, -4.1);
    assertFalse(rule.judge(trial(close, w1, w2)).stops());
    assertEquals(
        Verdict.stop(
            StopReason.D_OVERPOWERING,
            "d_real_avg − d_fake_avg 9.3 stayed above 8 for 3 evaluations in a row (steps"
                + " 200–400)"),
        rule.judge(trial(close, w1, w2, w3)));
  }

  @Test
  void aGapOfExactlyTheThresholdDoesNotCount() {
    assertFalse(rule.judge(trial(gap(100, 4, -4), gap(200, 4, -4), gap(300, 4, -4))).stops());
  }

  @Test
  void withDAccuracyLoggedAWideGapCountsOnlyWhenDIsAlsoNearlyAlwaysRight() {
    Evaluation a = ev(100, "d_real_avg", 6.0, "d_fake_avg", -6.0, "d_accuracy_avg", 0.99);
    Evaluation b = ev(200, "d_real_avg", 6.0, "d_fake_avg", -6.0, "d_accuracy_avg", 0.90);
    Evaluation c = ev(300, "d_real_avg", 6.0, "d_fake_avg", -6.0, "d_accuracy_avg", 0.99);
    Evaluation d = ev(400, "d_real_avg", 6.0, "d_fake_avg", -6.0, "d_accuracy_avg", 0.985);
    Evaluation e = ev(500, "d_real_avg", 6.5, "d_fake_avg", -6.0, "d_accuracy_avg", 1.0);
    assertFalse(rule.judge(trial(a, b, c, d)).stops()); // 0.90 at 200 broke the run
    assertEquals(
        "d_real_avg − d_fake_avg 12.5 stayed above 8 with d_accuracy_avg 1 for 3 evaluations in"
            + " a row (steps 300–500)",
        rule.judge(trial(a, b, c, d, e)).detail());
  }
}
