package dev.atelier.workflows.search;

import static dev.atelier.workflows.search.Trials.FD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TPE's good/bad split, by Optuna's rules. */
class TrialSplitTest {
  static List<Integer> ids(List<TrialView> trials) {
    return trials.stream().map(TrialView::id).toList();
  }

  @Test
  void gammaIsTenPercentRoundedUpAtMostTwentyFive() {
    assertEquals(1, TrialSplit.gamma(1));
    assertEquals(1, TrialSplit.gamma(10));
    assertEquals(2, TrialSplit.gamma(11));
    assertEquals(10, TrialSplit.gamma(100));
    assertEquals(25, TrialSplit.gamma(1000));
  }

  @Test
  void theBestTenthOfCompleteTrialsIsGoodAndRunningOnesCountAsBad() {
    List<TrialView> trials = new ArrayList<>();
    double[] fd = {9, 3, 7, 1, 8, 6, 5, 4, 2, 10, 11, 0.5};
    for (int i = 0; i < fd.length; i++) {
      trials.add(Trials.done(i, Map.of(), fd[i]));
    }
    trials.add(Trials.with(12, TrialState.RUNNING, Map.of()));
    trials.add(Trials.with(13, TrialState.FAILED, Map.of()));
    // 12 finished: gamma = 2, the two lowest fd (0.5 at #11, 1 at #3) are good.
    TrialSplit liar = TrialSplit.of(trials, FD, true);
    assertEquals(List.of(3, 11), ids(liar.below()));
    assertEquals(List.of(0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 12), ids(liar.above()));
    TrialSplit honest = TrialSplit.of(trials, FD, false);
    assertEquals(List.of(0, 1, 2, 4, 5, 6, 7, 8, 9, 10), ids(honest.above()));
  }

  @Test
  void maximisingRanksTheLargestFirst() {
    Objective psnr = new Objective("fd_rgb8", Direction.MAXIMIZE, false);
    List<TrialView> trials =
        List.of(
            Trials.done(0, Map.of(), 20),
            Trials.done(1, Map.of(), 31),
            Trials.done(2, Map.of(), 25));
    assertEquals(List.of(1), ids(TrialSplit.of(trials, psnr, true).below()));
  }

  @Test
  void prunedTrialsFillTheGoodSlotsLeftDeeperOnesFirst() {
    List<TrialView> trials = new ArrayList<>();
    trials.add(Trials.done(0, Map.of(), 5));
    for (int i = 1; i <= 10; i++) {
      // 10 pruned trials: #1..#5 at step 200, #6..#10 at step 100 with better values.
      trials.add(i <= 5 ? Trials.pruned(i, 200, 10 - i) : Trials.pruned(i, 100, 0.1 * i));
    }
    // 11 finished: gamma = 2; the complete #0 takes one slot, the deepest best pruned (#5, fd 5)
    // the other, although #6..#10 reported lower values at an earlier step.
    assertEquals(List.of(0, 5), ids(TrialSplit.of(trials, FD, true).below()));
  }
}
