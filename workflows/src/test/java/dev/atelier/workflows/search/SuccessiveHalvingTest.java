package dev.atelier.workflows.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuccessiveHalvingTest {
  private static final String FD = "fd_rgb8";

  private static SuccessiveHalving asha(Direction d) {
    return new SuccessiveHalving(new Objective(FD, d, false), 100, 3, 1000, "");
  }

  @Test
  void rungsAreMinStepsTimesEtaToTheKBelowMaxSteps() {
    assertEquals(List.of(100L, 300L, 900L), SuccessiveHalving.rungSteps(100, 3, 1000));
    assertEquals(List.of(100L, 300L), SuccessiveHalving.rungSteps(100, 3, 900));
    assertEquals(List.of(50L, 100L, 200L, 400L), SuccessiveHalving.rungSteps(50, 2, 500));
    assertEquals(List.of(), SuccessiveHalving.rungSteps(1000, 3, 1000));
  }

  /**
   * The reports of {@code src/test/resources/search/optuna_check.py}; Optuna 5.1's
   * SuccessiveHalvingPruner(min_resource=100, reduction_factor=3) prunes trials 1, 3 and 5 at rung
   * 100 and trial 4 at rung 300, and lets trial 6 through on a tie with the cut.
   */
  private static final double[][] REPORTS = {
    {0, 100, 5.0}, {1, 100, 7.0}, {2, 100, 4.0}, {3, 100, 6.0}, {4, 100, 3.0},
    {5, 100, 4.5}, {2, 300, 3.5}, {0, 300, 2.0}, {4, 300, 2.5}, {6, 100, 4.0},
  };

  private static final boolean[] OPTUNA_PRUNES = {
    false, true, false, true, false, true, false, false, true, false
  };

  @Test
  void prunesWhatOptunasSuccessiveHalvingPrunes_minimize() {
    assertEquals(asList(OPTUNA_PRUNES), decisions(Direction.MINIMIZE, 1.0));
  }

  @Test
  void prunesWhatOptunasSuccessiveHalvingPrunes_maximize() {
    assertEquals(asList(OPTUNA_PRUNES), decisions(Direction.MAXIMIZE, -1.0));
  }

  private static List<Boolean> decisions(Direction d, double sign) {
    SuccessiveHalving asha = asha(d);
    History t = new History();
    List<Boolean> out = new ArrayList<>();
    for (double[] r : REPORTS) {
      TrialView me = t.report((int) r[0], (long) r[1], FD, sign * r[2]);
      Verdict v = asha.judge(me, t.all());
      if (v.stops()) {
        t.state(me.id(), TrialState.PRUNED);
      }
      out.add(v.stops());
    }
    return out;
  }

  private static List<Boolean> asList(boolean[] b) {
    List<Boolean> out = new ArrayList<>();
    for (boolean x : b) {
      out.add(x);
    }
    return out;
  }

  /**
   * 84 interleaved reports of 15 trials (both directions), several running at once, with Optuna
   * 5.1's answers (src/test/resources/search/optuna_asha_fixture.py wrote them). With Optuna's keep
   * count every answer is the same, so the rungs, the values compared and who counts at a rung
   * agree; with ours a trial is only ever kept where Optuna prunes it, never the other way round.
   */
  @Test
  void replaysOptunasAnswersOnALongInterleavedRun() throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (var in = getClass().getResourceAsStream("/search/asha_optuna_fixture.csv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        rows.add(line.split(","));
      }
    }
    assertEquals(84, rows.size());
    int optunaPrunes = 0;
    int oursPrunes = 0;
    for (String direction : List.of("minimize", "maximize")) {
      Objective o = new Objective(FD, Direction.parse(direction), false);
      SuccessiveHalving likeOptuna =
          new SuccessiveHalving(o, 100, 3, 1000, "", SuccessiveHalving.OPTUNA);
      SuccessiveHalving ours = new SuccessiveHalving(o, 100, 3, 1000, "");
      History t = new History();
      for (String[] r : rows) {
        if (!r[0].equals(direction)) {
          continue;
        }
        TrialView me =
            t.report(Integer.parseInt(r[1]), Long.parseLong(r[2]), FD, Double.parseDouble(r[3]));
        boolean optuna = Boolean.parseBoolean(r[4]);
        assertEquals(optuna, likeOptuna.judge(me, t.all()).stops(), String.join(",", r));
        boolean mine = ours.judge(me, t.all()).stops();
        assertTrue(!mine || optuna, "ours prunes where Optuna does not: " + String.join(",", r));
        optunaPrunes += optuna ? 1 : 0;
        oursPrunes += mine ? 1 : 0;
      }
    }
    assertEquals(26, optunaPrunes);
    assertTrue(oursPrunes > 0 && oursPrunes < optunaPrunes, oursPrunes + " of 26");
  }

  @Test
  void theDetailSaysValueRungCutAndHowManyReachedIt() {
    SuccessiveHalving asha = asha(Direction.MINIMIZE);
    History t = new History();
    double[] values = {6.02, 3.1, 4.4, 7.7, 5.5, 9.0};
    for (int i = 0; i < values.length; i++) {
      t.report(i, 100, FD, values[i]);
    }
    TrialView late = t.report(6, 100, FD, 9.81);
    // 7 values, keep ⌈7/3⌉ = 3: 3.1, 4.4, 5.5 — the cut is 5.5
    assertEquals(
        Verdict.stop(
            StopReason.RUNG,
            "fd_rgb8 9.81 at step 100 is not in the top 1/3 at rung 100 (cut 5.5, 7 trials"
                + " reached it)"),
        asha.judge(late, t.all()));
  }

  @Test
  void keepsTheTopCeilingOfNOverEta_oneMoreThanOptunaWhileTheRungFills() {
    SuccessiveHalving asha = asha(Direction.MINIMIZE);
    History t = new History();
    t.report(0, 100, FD, 1.0);
    t.report(1, 100, FD, 9.0);
    t.report(2, 100, FD, 8.0);
    // n = 4: ⌈4/3⌉ = 2 go on, so the second best continues (Optuna keeps ⌊4/3⌋ = 1 and prunes it)
    TrialView second = t.report(3, 100, FD, 2.0);
    assertFalse(asha.judge(second, t.all()).stops());
    TrialView third = t.report(4, 100, FD, 3.0); // n = 5, keep 2: 1.0, 2.0
    assertTrue(asha.judge(third, t.all()).stops());
  }

  @Test
  void aTrialThatReportsPastSeveralRungsIsJudgedAtEach() {
    SuccessiveHalving asha = asha(Direction.MINIMIZE);
    History t = new History();
    t.report(0, 100, FD, 2.0);
    t.report(0, 300, FD, 1.0);
    t.report(1, 100, FD, 3.0);
    t.report(1, 300, FD, 2.5);
    t.report(2, 50, FD, 2.5);
    // trial 2 jumps from 50 to 350: rung 100 judges its value at step 50 (2.5; 3 values, keep 1,
    // cut 2.0), so it stops there, not at rung 300
    TrialView jump = t.report(2, 350, FD, 0.5);
    Verdict v = asha.judge(jump, t.all());
    assertEquals(StopReason.RUNG, v.reason());
    assertEquals(
        "fd_rgb8 2.5 at step 50 is not in the top 1/3 at rung 100 (cut 2, 3 trials reached it)",
        v.detail());
  }

  @Test
  void aTrialThatPassesTheFirstRungIsStoppedAtTheSecondInTheSameReport() {
    SuccessiveHalving asha = asha(Direction.MINIMIZE);
    History t = new History();
    t.report(0, 100, FD, 5.0);
    t.report(0, 300, FD, 1.0);
    t.report(1, 50, FD, 4.0);
    // from 50 to 300: at rung 100 its 4.0 beats trial 0's 5.0; at rung 300 its 2.0 loses to 1.0
    TrialView jump = t.report(1, 300, FD, 2.0);
    assertEquals(
        "fd_rgb8 2 at step 300 is not in the top 1/3 at rung 300 (cut 1, 2 trials reached it)",
        asha.judge(jump, t.all()).detail());
  }

  @Test
  void theValueAtARungIsTheLatestEvaluationAtOrBeforeIt() {
    SuccessiveHalving asha = asha(Direction.MINIMIZE);
    History t = new History();
    t.report(0, 90, FD, 3.0);
    t.report(0, 120, FD, 9.0); // its value at rung 100 is 3.0, from step 90
    t.report(1, 90, FD, 4.0);
    TrialView other = t.report(1, 120, FD, 1.0); // 4.0 at rung 100: worse than 3.0
    assertEquals(
        "fd_rgb8 4 at step 90 is not in the top 1/3 at rung 100 (cut 3, 2 trials reached it)",
        asha.judge(other, t.all()).detail());
  }

  @Test
  void bestCountsWhenTheObjectiveSaysSo() {
    SuccessiveHalving asha =
        new SuccessiveHalving(new Objective(FD, Direction.MINIMIZE, true), 100, 3, 1000, "");
    History t = new History();
    t.report(0, 100, FD, 3.0);
    t.report(1, 50, FD, 2.0);
    TrialView worseLately = t.report(1, 100, FD, 5.0); // best 2.0 counts: goes on
    assertFalse(asha.judge(worseLately, t.all()).stops());
    t.report(2, 50, FD, 3.5);
    TrialView worse = t.report(2, 100, FD, 4.0);
    assertEquals(
        "best fd_rgb8 3.5 up to step 100 is not in the top 1/3 at rung 100 (cut 2, 3 trials"
            + " reached it)",
        asha.judge(worse, t.all()).detail());
  }

  @Test
  void aTrialWithoutTheMetricGoesOnAndOthersWithoutItDoNotCount() {
    SuccessiveHalving asha = asha(Direction.MINIMIZE);
    History t = new History();
    t.report(0, 100, FD, 1.0);
    TrialView missing = t.report(1, 100, "loss_g_avg", 0.7);
    assertFalse(asha.judge(missing, t.all()).stops());
    TrialView nan = t.report(2, 100, FD, Double.NaN);
    assertFalse(asha.judge(nan, t.all()).stops());
    // only trials 0 and 3 have a value: n = 2, keep 1
    TrialView worse = t.report(3, 100, FD, 2.0);
    assertTrue(asha.judge(worse, t.all()).detail().endsWith("(cut 1, 2 trials reached it)"));
  }

  @Test
  void betweenRungsNothingIsJudged() {
    SuccessiveHalving asha = asha(Direction.MINIMIZE);
    History t = new History();
    t.report(0, 100, FD, 1.0);
    t.report(1, 100, FD, 1.0);
    TrialView later = t.report(1, 200, FD, 50.0);
    assertFalse(asha.judge(later, t.all()).stops());
    TrialView early = t.report(2, 50, FD, 50.0);
    assertFalse(asha.judge(early, t.all()).stops());
  }

  @Test
  void noRungAtOrPastMaxSteps() {
    SuccessiveHalving asha = new SuccessiveHalving(History.FD, 100, 3, 300, "");
    History t = new History();
    t.report(0, 100, FD, 1.0);
    t.report(0, 300, FD, 1.0);
    t.report(1, 100, FD, 1.0);
    TrialView atEnd = t.report(1, 300, FD, 99.0);
    assertFalse(asha.judge(atEnd, t.all()).stops());
  }
}
