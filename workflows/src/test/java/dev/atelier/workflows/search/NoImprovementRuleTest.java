package dev.atelier.workflows.search;

import static dev.atelier.workflows.search.History.ev;
import static dev.atelier.workflows.search.History.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoImprovementRuleTest {
  private static List<Evaluation> fd(double... values) {
    List<Evaluation> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      out.add(ev(100L * (i + 1), "fd_rgb8", values[i]));
    }
    return out;
  }

  private static TrialView upTo(List<Evaluation> evs, int n) {
    return trial(evs.subList(0, n).toArray(new Evaluation[0]));
  }

  @Test
  void stopsAtTheThirdEvaluationAfterTheBestAndNotBefore() {
    NoImprovementRule rule = new NoImprovementRule(History.FD, 0.0, 3);
    List<Evaluation> evs = fd(10.0, 6.0, 6.5, 6.2, 6.1);
    for (int n = 1; n <= 4; n++) {
      assertFalse(rule.judge(upTo(evs, n)).stops(), "after " + n + " evaluations");
    }
    assertEquals(
        Verdict.stop(
            StopReason.NO_IMPROVEMENT,
            "fd_rgb8 did not improve by more than 0 in the last 3 evaluations (best 6 at step"
                + " 200, best since 6.1 at step 500)"),
        rule.judge(upTo(evs, 5)));
  }

  @Test
  void anImprovementSmallerThanTheThresholdDoesNotCount() {
    NoImprovementRule rule = new NoImprovementRule(History.FD, 0.5, 2);
    assertFalse(rule.judge(trial(fd(10.0, 8.0, 7.0).toArray(new Evaluation[0]))).stops());
    // best before the last two: 8.0; best of the last two: 7.6; gain 0.4 ≤ 0.5
    assertEquals(
        StopReason.NO_IMPROVEMENT,
        rule.judge(trial(fd(10.0, 8.0, 7.8, 7.6).toArray(new Evaluation[0]))).reason());
  }

  @Test
  void aMaximizedObjectiveImprovesUpwards() {
    Objective is = new Objective("inception_score", Direction.MAXIMIZE, true);
    NoImprovementRule rule = new NoImprovementRule(is, 0.0, 2);
    TrialView rising =
        trial(
            ev(100, "inception_score", 2.0),
            ev(200, "inception_score", 1.5),
            ev(300, "inception_score", 2.1));
    assertFalse(rule.judge(rising).stops());
    TrialView flat =
        trial(
            ev(100, "inception_score", 2.0),
            ev(200, "inception_score", 1.5),
            ev(300, "inception_score", 1.9));
    assertEquals(StopReason.NO_IMPROVEMENT, rule.judge(flat).reason());
  }
}
