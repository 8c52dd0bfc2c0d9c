package dev.atelier.workflows.search;

import static dev.atelier.workflows.search.History.ev;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PbtTest {
  static final List<ParamSpec> SPACE =
      List.of(
          new ParamSpec("lr", "log_uniform", 1e-5, 1e-2, null, false, null, null, null),
          new ParamSpec("batch", "int", 16.0, 128.0, 16.0, false, null, null, null),
          new ParamSpec("beta1", "quantized", 0.0, 0.9, 0.1, false, null, null, null),
          new ParamSpec(
              "loss",
              "categorical",
              null,
              null,
              null,
              false,
              List.of("bce", "hinge", "wgan"),
              null,
              null),
          new ParamSpec("width", "int", 32.0, 256.0, null, false, null, null, null),
          new ParamSpec(
              "penalty", "categorical", null, null, null, false, List.of("none", "r1"), null, null),
          new ParamSpec(
              "r1_gamma", "uniform", 0.1, 10.0, null, false, null, "penalty", List.of("r1")));

  static SearchSpec spec(long seed, double resample, List<String> mutate) {
    return new SearchSpec(
        SPACE,
        History.FD,
        new AlgorithmSpec("random", 0, 0, false, false),
        new BudgetSpec(32, 8, 0, 0),
        EarlyStoppingSpec.NONE,
        List.of(),
        new PbtSpec(8, 100, 0.25, List.of(0.8, 1.2), resample, mutate),
        seed);
  }

  static Map<String, Object> params(double lr, int batch, double beta1, String loss) {
    return Map.of(
        "lr", lr, "batch", batch, "beta1", beta1, "loss", loss, "width", 64, "penalty", "none");
  }

  /** Eight members at step 400, fd 1..8 for ids 0..7 except: id 3 is the best (0.5). */
  static History population() {
    History t = new History();
    double[] fd = {1.0, 2.0, 3.0, 0.5, 5.0, 6.0, 7.0, 8.2};
    for (int id = 0; id < fd.length; id++) {
      t.params(id, params(2e-4 * (id + 1), 64, 0.5, "hinge"));
      t.report(id, ev(300, "fd_rgb8", fd[id] + 1));
      t.report(id, ev(400, "fd_rgb8", fd[id]));
    }
    return t;
  }

  @Test
  void aBottomQuarterMemberTakesATopQuarterCheckpointAtTheIntervalStep() {
    History t = population();
    Pbt pbt = new Pbt(spec(7, 0.0, List.of("lr")));
    // ⌈0.25·8⌉ = 2: the top is trials 3 (0.5) and 0 (1.0); the bottom is 6 (7.0) and 7 (8.2)
    Set<Integer> donors = new HashSet<>();
    for (long seed = 0; seed < 40; seed++) {
      Pbt.Exploit e = new Pbt(spec(seed, 0.0, List.of("lr"))).judge(t.view(7), t.all()).get();
      assertEquals(400, e.step());
      donors.add(e.donorId());
    }
    assertEquals(Set.of(0, 3), donors);
    assertTrue(pbt.judge(t.view(6), t.all()).isPresent());
    assertTrue(pbt.judge(t.view(5), t.all()).isEmpty()); // 6th of 8: not in the bottom 2
    assertTrue(pbt.judge(t.view(3), t.all()).isEmpty());
  }

  @Test
  void theDetailSaysWhereTheMemberStandsWhoseCheckpointItTakesAndWhatChanged() {
    History t = population();
    Pbt.Exploit e = new Pbt(spec(3, 0.0, List.of("lr"))).judge(t.view(7), t.all()).get();
    // seed 3 picks trial 3 (lr 8.0e-4) and the factor 1.2
    assertEquals(3, e.donorId());
    assertEquals(9.6e-4, (Double) e.params().get("lr"), 1e-12);
    assertEquals(
        "fd_rgb8 8.2 at step 400 is in the bottom 25% of 8 trials: takes trial 3's checkpoint"
            + " (fd_rgb8 0.5), lr 8.0e-4 → 9.6e-4",
        e.detail());
    assertEquals(t.view(3).params().get("width"), e.params().get("width"));
  }

  @Test
  void membersRankByTheirValueAtTheIntervalStepAndOnlyLiveOnesThatGotThereCount() {
    History t = new History();
    t.report(0, ev(400, "fd_rgb8", 1.0));
    t.report(1, ev(400, "fd_rgb8", 2.0));
    t.report(2, ev(300, "fd_rgb8", 0.1)); // not at 400 yet
    t.report(3, ev(400, "fd_rgb8", 0.2));
    t.state(3, TrialState.PRUNED);
    t.report(9, ev(400, "fd_rgb8", 5.0));
    Pbt pbt = new Pbt(spec(1, 0.0, List.of()));
    // trial 9 at 450 rounds down to 400, where it had 5.0; the others there: 0 and 1 only
    TrialView member = t.report(9, ev(450, "fd_rgb8", 0.01));
    Optional<Pbt.Exploit> e = pbt.judge(member, t.all());
    assertTrue(e.isPresent());
    assertEquals(0, e.get().donorId()); // ⌈0.25·3⌉ = 1: only the best, trial 0
    assertTrue(e.get().detail().startsWith("fd_rgb8 5 at step 400 is in the bottom 25% of 3"));
    t.state(1, TrialState.FAILED);
    assertTrue(pbt.judge(member, t.all()).isEmpty()); // one other left: too few to judge
  }

  @Test
  void theSameSpecAndCallsGiveTheSameAnswersInAnyOrder() {
    History t = population();
    List<String> all = List.of("lr", "batch", "beta1", "loss");
    Pbt first = new Pbt(spec(42, 0.3, all));
    Pbt second = new Pbt(spec(42, 0.3, all));
    Optional<Pbt.Exploit> a6 = first.judge(t.view(6), t.all());
    Optional<Pbt.Exploit> a7 = first.judge(t.view(7), t.all());
    Optional<Pbt.Exploit> b7 = second.judge(t.view(7), t.all());
    Optional<Pbt.Exploit> b6 = second.judge(t.view(6), t.all());
    assertEquals(a6, b6);
    assertEquals(a7, b7);
    boolean differs = false;
    for (long seed = 0; seed < 10 && !differs; seed++) {
      differs = !a7.equals(new Pbt(spec(seed, 0.3, all)).judge(t.view(7), t.all()));
    }
    assertTrue(differs, "another seed explores differently");
  }

  @Test
  void perturbedValuesStayInTheSpaceAndOnItsGrid() {
    History t = population();
    List<String> all = List.of("lr", "batch", "beta1", "loss");
    Set<Object> losses = new HashSet<>();
    for (long seed = 0; seed < 60; seed++) {
      Pbt.Exploit e = new Pbt(spec(seed, 0.0, all)).judge(t.view(7), t.all()).get();
      double donorLr = 2e-4 * (e.donorId() + 1);
      double lr = (Double) e.params().get("lr");
      assertTrue(
          Math.abs(lr - donorLr * 0.8) < 1e-12 || Math.abs(lr - donorLr * 1.2) < 1e-12, "lr " + lr);
      assertTrue(Set.of(48, 80).contains(e.params().get("batch")), "batch 64 × 0.8 or 1.2");
      assertTrue(Set.of(0.4, 0.6).contains(e.params().get("beta1")), "beta1 0.5 × 0.8 or 1.2");
      losses.add(e.params().get("loss"));
      assertEquals(64, e.params().get("width"));
    }
    assertEquals(Set.of("bce", "wgan"), losses); // hinge's neighbours
  }

  @Test
  void resampledValuesAreFreshDrawsFromTheSpace() {
    History t = population();
    Pbt.Exploit e = new Pbt(spec(3, 1.0, List.of("lr", "batch"))).judge(t.view(7), t.all()).get();
    double lr = (Double) e.params().get("lr");
    int batch = (Integer) e.params().get("batch");
    assertTrue(lr >= 1e-5 && lr <= 1e-2);
    assertEquals(0, (batch - 16) % 16);
    assertTrue(e.detail().contains("(resampled)"), e.detail());
  }

  @Test
  void aConditionalParameterComesAndGoesWithItsParent() {
    History t = population();
    int withGamma = 0;
    for (long seed = 0; seed < 30; seed++) {
      Map<String, Object> p =
          new Pbt(spec(seed, 0.0, List.of("penalty"))).judge(t.view(7), t.all()).get().params();
      if ("r1".equals(p.get("penalty"))) {
        double g = (Double) p.get("r1_gamma");
        assertTrue(g >= 0.1 && g <= 10.0);
        withGamma++;
      } else {
        assertFalse(p.containsKey("r1_gamma"));
      }
    }
    assertTrue(withGamma > 0 && withGamma < 30, withGamma + " of 30 switched r1 on");
  }
}
