package dev.atelier.workflows.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HyperbandTest {
  private static final String FD = "fd_rgb8";

  /**
   * Optuna 5.1's HyperbandPruner (src/test/resources/search/optuna_check.py): min 100, max 900, η 3
   * → 3 brackets, trials split 9:5:3; min 10, max 1000, η 2 → 7 brackets, 64:38:23:14:10:7:7.
   */
  @Test
  void bracketsAndTheirShareOfTrialsAreOptunas() {
    Hyperband small = new Hyperband(History.FD, 100, 3, 900, 0);
    assertEquals(3, small.bracketCount());
    assertEquals(List.of(9L, 5L, 3L), small.shares());
    assertEquals(List.of(9L, 5L, 3L), new Hyperband(History.FD, 100, 3, 1000, 0).shares());
    Hyperband wide = new Hyperband(History.FD, 10, 2, 1000, 0);
    assertEquals(List.of(64L, 38L, 23L, 14L, 10L, 7L, 7L), wide.shares());
  }

  @Test
  void eachBracketStartsItsRungsOneFactorLater() {
    Hyperband hb = new Hyperband(History.FD, 100, 3, 900, 0);
    assertEquals(List.of(100L, 300L), hb.rungs(0));
    assertEquals(List.of(300L), hb.rungs(1));
    assertEquals(List.of(), hb.rungs(2)); // first rung 900 = max: the bracket that never stops
  }

  @Test
  void anExplicitBracketCountIsCappedAtWhatFits() {
    assertEquals(2, new Hyperband(History.FD, 100, 3, 900, 2).bracketCount());
    assertEquals(3, new Hyperband(History.FD, 100, 3, 900, 5).bracketCount());
    assertEquals(4, new Hyperband(History.FD, 100, 3, 0, 4).bracketCount());
  }

  /**
   * u = frac(id·0.618034) × 17 against the shares' cumulative 9, 14, 17: id 1 → 10.5 (bracket 1),
   * id 3 → 14.5 (bracket 2), id 5 → 1.5 (bracket 0), id 8 → 16.1 (bracket 2), id 9 → 9.6 (1).
   */
  @Test
  void trialIdsSpreadOverTheBracketsInProportionFromTheFirstTrials() {
    Hyperband hb = new Hyperband(History.FD, 100, 3, 900, 0);
    List<Integer> brackets = new ArrayList<>();
    for (int id = 0; id < 10; id++) {
      brackets.add(hb.bracketOf(id));
    }
    assertEquals(List.of(0, 1, 0, 2, 0, 0, 1, 0, 2, 1), brackets);
    int[] counts = new int[3];
    for (int id = 0; id < 1700; id++) {
      counts[hb.bracketOf(id)]++;
    }
    assertEquals(900, counts[0], 5);
    assertEquals(500, counts[1], 5);
    assertEquals(300, counts[2], 5);
  }

  /**
   * Brackets of ids 0..9: 0 1 0 2 0 0 1 0 2 1. Trial 2 (bracket 0) loses at rung 100 to trial 0;
   * trial 6 (bracket 1) has no rung at 100, and at rung 300 meets only trial 1, not bracket 0's
   * much better trial 0; trial 3 (bracket 2) is never judged.
   */
  @Test
  void aTrialIsComparedOnlyWithTheTrialsOfItsBracket() {
    Hyperband hb = new Hyperband(History.FD, 100, 3, 900, 0);
    History t = new History();
    t.report(0, 100, FD, 5.0);
    TrialView lost = t.report(2, 100, FD, 6.0);
    assertEquals(
        "fd_rgb8 6 at step 100 is not in the top 1/3 at rung 100 of bracket 0 (cut 5, 2 trials"
            + " reached it)",
        hb.judge(lost, t.all()).detail());
    t.state(2, TrialState.PRUNED);
    assertFalse(hb.judge(t.report(6, 100, FD, 50.0), t.all()).stops());
    t.report(0, 300, FD, 1.0);
    t.report(1, 100, FD, 9.0);
    t.report(1, 300, FD, 9.0);
    assertFalse(hb.judge(t.report(6, 300, FD, 8.0), t.all()).stops());
    TrialView worse = t.report(9, 300, FD, 8.5);
    assertTrue(hb.judge(worse, t.all()).detail().contains("rung 300 of bracket 1 (cut 8,"));
    t.report(3, 100, FD, 99.0);
    assertFalse(hb.judge(t.report(3, 300, FD, 99.0), t.all()).stops());
  }

  /**
   * 122 interleaved reports of 20 trials with Optuna 5.1's HyperbandPruner(min 100, max 900, η 3)
   * answers and the bracket it hashed each trial into (src/test/resources/search/
   * optuna_hyperband_fixture.py wrote them). Placed in Optuna's brackets and keeping Optuna's
   * count, ours gives every one of Optuna's answers: each bracket's rungs and who it compares with
   * agree. Optuna also judges at a trial's last step (900 here), where stopping saves nothing; ours
   * has no rung at max_steps, so the replay says 1000 to get Optuna's rungs (same 3 brackets).
   */
  @Test
  void replaysOptunasAnswersWhenTrialsAreInOptunasBrackets() throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (var in = getClass().getResourceAsStream("/search/hyperband_optuna_fixture.csv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        rows.add(line.split(","));
      }
    }
    Map<Integer, Integer> brackets = new HashMap<>();
    rows.forEach(r -> brackets.put(Integer.parseInt(r[0]), Integer.parseInt(r[1])));
    assertEquals(3, Set.copyOf(brackets.values()).size());
    Hyperband hb =
        new Hyperband(History.FD, 100, 3, 1000, 0, SuccessiveHalving.OPTUNA, brackets::get);
    History h = new History();
    int pruned = 0;
    for (String[] r : rows) {
      TrialView me =
          h.report(Integer.parseInt(r[0]), Long.parseLong(r[2]), FD, Double.parseDouble(r[3]));
      boolean optuna = Boolean.parseBoolean(r[4]);
      assertEquals(optuna, hb.judge(me, h.all()).stops(), String.join(",", r));
      pruned += optuna ? 1 : 0;
    }
    assertEquals(122, rows.size());
    assertEquals(14, pruned);
  }
}
