package dev.atelier.ui.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The numbers behind the sweep page's pictures, checked by hand: best-so-far against trial-steps,
 * which grids are shown side by side, where the rungs are, and how a trial's state is read.
 */
class SweepChartsTest {
  private static final SweepObjective FD_MIN_BEST = new SweepObjective("fd_rgb8", "min", true);

  private static SweepTrialView trial(int index, String state, Double objective, MetricPoint... h) {
    return new SweepTrialView(
        index,
        state,
        null,
        "run" + index,
        null,
        null,
        null,
        Map.of(),
        null,
        objective,
        null,
        null,
        List.of(h));
  }

  /**
   * Trial 0 reports fd 10 at step 100 (t=1) and 6 at step 200 (t=3); trial 1 reports 8 at step 100
   * (t=2). Spent after each report: 100, 200, 300; best: 10, 8, 6.
   */
  @Test
  void bestSoFar_addsEachTrialsNewStepsInReportOrder() {
    List<BestSoFar.Point> points =
        BestSoFar.of(
            List.of(
                trial(0, "complete", 6.0, new MetricPoint(100, 10, 1), new MetricPoint(200, 6, 3)),
                trial(1, "pruned", 8.0, new MetricPoint(100, 8, 2))),
            FD_MIN_BEST);

    assertEquals(
        List.of(
            new BestSoFar.Point(100, 10, 0),
            new BestSoFar.Point(200, 8, 1),
            new BestSoFar.Point(300, 6, 0)),
        points);
  }

  @Test
  void bestSoFar_maximising_keepsTheLargest() {
    List<BestSoFar.Point> points =
        BestSoFar.of(
            List.of(
                trial(0, "complete", 2.0, new MetricPoint(50, 2, 1), new MetricPoint(100, 1, 2))),
            new SweepObjective("psnr", "max", true));

    assertEquals(List.of(new BestSoFar.Point(50, 2, 0), new BestSoFar.Point(100, 2, 0)), points);
  }

  /**
   * Best first among trials that ran on: #1 (3.0), #0 (4.0). The pruned #2 (2.5, stopped at step
   * 200) joins only when fewer than two others have grids, and then pulls the shared step to 200.
   */
  @Test
  void topGrids_prefersTrialsThatRanOnAndShowsTheLargestCommonStep() {
    Map<Integer, List<Long>> steps =
        Map.of(0, List.of(100L, 200L, 300L), 1, List.of(100L, 200L, 300L), 2, List.of(100L, 200L));
    List<SweepTrialView> trials =
        List.of(trial(0, "complete", 4.0), trial(1, "complete", 3.0), trial(2, "pruned", 2.5));

    TopGrids top = TopGrids.choose(trials, FD_MIN_BEST, 4, t -> steps.get(t.mapIndex()));
    TopGrids one =
        TopGrids.choose(
            List.of(trial(0, "complete", 4.0), trial(2, "pruned", 2.5)),
            FD_MIN_BEST,
            4,
            t -> steps.get(t.mapIndex()));

    assertEquals(300L, top.step());
    assertEquals(List.of(1, 0), top.trials().stream().map(TopGrids.Entry::mapIndex).toList());
    assertEquals(200L, one.step());
    assertEquals(List.of(0, 2), one.trials().stream().map(TopGrids.Entry::mapIndex).toList());
  }

  @Test
  void topGrids_skipsATrialWithNoStepInCommon() {
    Map<Integer, List<Long>> steps = Map.of(0, List.of(300L), 1, List.of(100L), 2, List.of(300L));
    List<SweepTrialView> trials =
        List.of(trial(0, "complete", 1.0), trial(1, "complete", 2.0), trial(2, "complete", 3.0));

    TopGrids top = TopGrids.choose(trials, FD_MIN_BEST, 4, t -> steps.get(t.mapIndex()));

    assertEquals(300L, top.step());
    assertEquals(List.of(0, 2), top.trials().stream().map(TopGrids.Entry::mapIndex).toList());
  }

  @Test
  void topGrids_noGrids_none() {
    TopGrids top =
        TopGrids.choose(List.of(trial(0, "running", 1.0)), FD_MIN_BEST, 4, t -> List.of());

    assertNull(top.step());
  }

  @Test
  void rungs_ashaFromMinStepsTimesEtaBelowMaxSteps() throws Exception {
    ObjectMapper json = new ObjectMapper();

    assertEquals(
        List.of(100L, 300L),
        SweepRungs.of(
            json.readTree(
                "{\"kind\":\"asha\",\"minSteps\":100,\"reductionFactor\":3,\"maxSteps\":900}"),
            null));
    assertEquals(
        List.of(50L, 100L, 200L),
        SweepRungs.of(
            json.readTree(
                "{\"kind\":\"hyperband\",\"min_steps\":50,\"reduction_factor\":2,\"max_steps\":400}"),
            null));
    assertEquals(List.of(), SweepRungs.of(json.readTree("{\"kind\":\"none\"}"), 400L));
    // ASHA without max_steps: the trials' steps bound the ladder.
    assertEquals(
        List.of(100L, 300L),
        SweepRungs.of(
            json.readTree(
                "{\"kind\":\"asha\",\"minSteps\":100,\"reductionFactor\":3,\"maxSteps\":0}"),
            600L));
    assertEquals(
        List.of(100L),
        SweepRungs.of(
            json.readTree("{\"kind\":\"asha\",\"minSteps\":100,\"reductionFactor\":3}"), null));
  }

  @Test
  void objective_parsesTheParentRunsParam() {
    assertEquals(FD_MIN_BEST, SweepObjective.parse("fd_rgb8 min best").orElseThrow());
    assertEquals(
        new SweepObjective("psnr", "max", false),
        SweepObjective.parse("psnr max last").orElseThrow());
    assertEquals(
        new SweepObjective("kid_rgb8", "min", true),
        SweepObjective.parse(
                "{\"metric\":\"kid_rgb8\",\"direction\":\"MINIMIZE\",\"useBest\":true}")
            .orElseThrow());
    assertEquals(
        3.0,
        FD_MIN_BEST.valueOf(
            List.of(new MetricPoint(1, 5, 0), new MetricPoint(2, 3, 0), new MetricPoint(3, 4, 0))));
  }

  @Test
  void objective_aFixedSweepIsJudgedByTheQualityMetricItsTrialsLogged() {
    assertEquals(
        FD_MIN_BEST,
        SweepObjective.assumed(java.util.Set.of("loss_g", "kid_rgb8", "fd_rgb8")).orElseThrow());
    assertEquals(
        new SweepObjective("psnr", "max", true),
        SweepObjective.assumed(java.util.Set.of("loss_g", "psnr")).orElseThrow());
    assertTrue(SweepObjective.assumed(java.util.Set.of("loss_g", "loss_d")).isEmpty());
  }

  @Test
  void trialState_prunedIsASuccessWithAPrunedNote() {
    assertEquals("pruned", SweepDetails.state(null, "pruned (rung): fd 9.8 ...", "success", null));
    assertEquals("pruned", SweepDetails.state("PRUNED", null, "success", "FINISHED"));
    assertEquals("complete", SweepDetails.state("SUCCEEDED", null, "success", "FINISHED"));
    assertEquals("failed", SweepDetails.state("DIVERGED", "DIVERGED: NaN", "failed", "FAILED"));
    assertEquals("running", SweepDetails.state(null, null, "running", "RUNNING"));
    assertEquals("pending", SweepDetails.state(null, null, "scheduled", null));
  }
}
