package dev.atelier.workflows.search;

import static dev.atelier.workflows.search.History.ev;
import static dev.atelier.workflows.search.History.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class DivergenceRuleTest {
  private final DivergenceRule rule = new DivergenceRule(1e-3, 3);

  @Test
  void aNanStopsAtTheFirstEvaluationThatHasIt() {
    Verdict v = rule.judge(trial(ev(100, "loss_d_avg", 0.7), ev(200, "loss_d_avg", Double.NaN)));
    assertEquals(Verdict.stop(StopReason.DIVERGED, "loss_d_avg was NaN at step 200"), v);
  }

  @Test
  void everyNonFiniteMetricIsNamedInNameOrder() {
    Verdict v =
        rule.judge(
            trial(
                ev(
                    300,
                    "loss_g_avg",
                    Double.POSITIVE_INFINITY,
                    "fd_rgb8",
                    4.0,
                    "d_fake_avg",
                    Double.NEGATIVE_INFINITY)));
    assertEquals("d_fake_avg was -Inf, loss_g_avg was +Inf at step 300", v.detail());
  }

  @Test
  void aNanThatWasFollowedByFiniteValuesIsNotJudgedAgain() {
    assertFalse(
        rule.judge(trial(ev(100, "loss_d_avg", Double.NaN), ev(200, "loss_d_avg", 0.5))).stops());
  }

  @Test
  void lossDPinnedAtZeroStopsAtTheThirdEvaluationInARowAndNotBefore() {
    Evaluation healthy = ev(100, "loss_d_avg", 0.6);
    Evaluation a = ev(200, "loss_d_avg", 4e-4);
    Evaluation b = ev(300, "loss_d_avg", 2e-4);
    Evaluation c = ev(400, "loss_d_avg", 1e-4);
    assertFalse(rule.judge(trial(healthy, a, b)).stops());
    assertEquals(
        Verdict.stop(
            StopReason.DIVERGED,
            "loss_d_avg stayed below 0.001 for 3 evaluations in a row (1.0e-4 at step 400): D"
                + " separates real from fake completely and G gets no gradient"),
        rule.judge(trial(healthy, a, b, c)));
  }

  @Test
  void anEvaluationAboveTheThresholdRestartsTheCount() {
    assertFalse(
        rule.judge(
                trial(
                    ev(100, "loss_d_avg", 1e-4),
                    ev(200, "loss_d_avg", 1e-4),
                    ev(300, "loss_d_avg", 0.2),
                    ev(400, "loss_d_avg", 1e-4),
                    ev(500, "loss_d_avg", 1e-4)))
            .stops());
  }

  @Test
  void aWganCriticLossFarBelowZeroIsNotPinned() {
    assertFalse(
        rule.judge(
                trial(
                    ev(100, "loss_d_avg", -3.0),
                    ev(200, "loss_d_avg", -5.0),
                    ev(300, "loss_d_avg", -8.0)))
            .stops());
  }
}
