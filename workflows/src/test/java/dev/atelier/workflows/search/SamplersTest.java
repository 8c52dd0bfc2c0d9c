package dev.atelier.workflows.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Random and TPE samplers: types, conditional parameters, seeds, parallel proposals, quality. */
class SamplersTest {
  static final List<ParamSpec> SPACE =
      List.of(
          new ParamSpec("lr", "log_uniform", 5e-5, 5e-4, null, false, null, null, null),
          new ParamSpec("beta1", "uniform", 0.0, 0.9, null, false, null, null, null),
          new ParamSpec("g_width", "int", 32.0, 128.0, 32.0, false, null, null, null),
          new ParamSpec("ema_decay", "quantized", 0.99, 0.999, 0.001, false, null, null, null),
          new ParamSpec(
              "loss", "categorical", null, null, null, false, List.of("bce", "hinge"), null, null),
          new ParamSpec(
              "r1_gamma", "log_uniform", 0.01, 10.0, null, false, null, "loss", List.of("bce")));

  static SearchSpec spec(String algorithm, List<ParamSpec> space, long seed, boolean multivariate) {
    return new SearchSpec(
        space,
        Trials.FD,
        new AlgorithmSpec(algorithm, 10, 24, multivariate, true),
        new BudgetSpec(100, 4, 0, 0),
        EarlyStoppingSpec.NONE,
        List.of(),
        null,
        seed);
  }

  /** Runs a sampler for {@code n} sequential trials on a function of the configuration. */
  static List<TrialView> run(Sampler s, int n, ToDoubleFunction<Map<String, Object>> f) {
    List<TrialView> trials = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> p = s.ask(trials);
      trials.add(Trials.done(i, p, f.applyAsDouble(p)));
    }
    return trials;
  }

  static double fake(Map<String, Object> p) {
    double lr = (Double) p.get("lr");
    double gamma = p.containsKey("r1_gamma") ? (Double) p.get("r1_gamma") : 1;
    return Math.abs(Math.log(lr / 2e-4))
        + Math.abs(Math.log(gamma))
        + (Integer) p.get("g_width") / 64.0;
  }

  @Test
  void everyValueIsInItsDomainWithItsTypeAndR1GammaOnlyWithBce() {
    for (String algorithm : List.of("random", "tpe")) {
      for (TrialView t :
          run(Samplers.of(spec(algorithm, SPACE, 3, true)), 40, SamplersTest::fake)) {
        Map<String, Object> p = t.params();
        double lr = (Double) p.get("lr");
        assertTrue(lr >= 5e-5 && lr <= 5e-4, algorithm + " lr " + lr);
        int width = (Integer) p.get("g_width");
        assertTrue(List.of(32, 64, 96, 128).contains(width), algorithm + " g_width " + width);
        double ema = (Double) p.get("ema_decay");
        assertEquals(Math.round(ema * 1000) / 1000.0, ema, 0.0, algorithm + " ema_decay " + ema);
        assertEquals("bce".equals(p.get("loss")), p.containsKey("r1_gamma"), algorithm + " " + p);
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameSequenceAndAnotherSeedAnother() {
    for (String algorithm : List.of("random", "tpe")) {
      List<TrialView> a = run(Samplers.of(spec(algorithm, SPACE, 7, true)), 25, SamplersTest::fake);
      List<TrialView> b = run(Samplers.of(spec(algorithm, SPACE, 7, true)), 25, SamplersTest::fake);
      List<TrialView> c = run(Samplers.of(spec(algorithm, SPACE, 8, true)), 25, SamplersTest::fake);
      assertEquals(params(a), params(b), algorithm);
      assertNotEquals(params(a), params(c), algorithm);
    }
  }

  static List<Map<String, Object>> params(List<TrialView> trials) {
    return trials.stream().map(TrialView::params).toList();
  }

  @Test
  void withTheConstantLiarTwoFreeSlotsGetDifferentProposals() {
    Sampler tpe = Samplers.of(spec("tpe", SPACE, 11, true));
    List<TrialView> trials = new ArrayList<>(run(tpe, 12, SamplersTest::fake));
    Map<String, Object> first = tpe.ask(trials);
    trials.add(Trials.with(12, TrialState.RUNNING, first));
    Map<String, Object> second = tpe.ask(trials);
    assertNotEquals(first.get("lr"), second.get("lr"));
  }

  /** A quadratic with its minimum 0 at (0.3, -0.2) in [-1, 1]². */
  static double quadratic(Map<String, Object> p) {
    double x = (Double) p.get("x") - 0.3;
    double y = (Double) p.get("y") + 0.2;
    return x * x + 3 * y * y;
  }

  static double medianRegret(String algorithm, boolean multivariate) {
    List<ParamSpec> square =
        List.of(
            new ParamSpec("x", "uniform", -1.0, 1.0, null, false, null, null, null),
            new ParamSpec("y", "uniform", -1.0, 1.0, null, false, null, null, null));
    double[] best = new double[30];
    for (int seed = 0; seed < 30; seed++) {
      List<TrialView> trials =
          run(
              Samplers.of(spec(algorithm, square, seed, multivariate)),
              40,
              SamplersTest::quadratic);
      best[seed] =
          trials.stream()
              .mapToDouble(t -> Trials.FD.valueOf(t.evaluations()).getAsDouble())
              .min()
              .getAsDouble();
    }
    Arrays.sort(best);
    return (best[14] + best[15]) / 2;
  }

  @Test
  void tpeFindsAQuadraticsMinimumCloserThanRandomSearchOverThirtySeeds() {
    double random = medianRegret("random", true);
    double joint = medianRegret("tpe", true);
    double independent = medianRegret("tpe", false);
    assertTrue(joint < random / 2, "multivariate tpe " + joint + " vs random " + random);
    assertTrue(independent < random / 2, "univariate tpe " + independent + " vs random " + random);
  }

  @Test
  void failedAndRunningTrialsDoNotEndTheRandomStartup() {
    List<TrialView> trials = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      trials.add(Trials.with(i, i < 8 ? TrialState.FAILED : TrialState.RUNNING, Map.of()));
    }
    // Still in its 10 startup trials, TPE draws exactly what random search draws with its seed.
    assertEquals(
        Samplers.of(spec("random", SPACE, 5, true)).ask(List.of()),
        Samplers.of(spec("tpe", SPACE, 5, true)).ask(trials));
  }

  @Test
  void onlyTheGridRunsDry() {
    assertFalse(Samplers.of(spec("tpe", SPACE, 1, true)).exhausted(List.of()));
  }
}
