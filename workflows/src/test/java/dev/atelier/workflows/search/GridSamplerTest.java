package dev.atelier.workflows.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The grid's points and their order. */
class GridSamplerTest {
  static SearchSpec spec(List<ParamSpec> space) {
    return new SearchSpec(
        space,
        Trials.FD,
        new AlgorithmSpec("grid", 0, 0, false, false),
        new BudgetSpec(100, 1, 0, 0),
        EarlyStoppingSpec.NONE,
        List.of(),
        null,
        0);
  }

  @Test
  void firstParameterSlowestConditionalOnlyWhereActiveThenExhausted() {
    List<ParamSpec> space =
        List.of(
            new ParamSpec(
                "loss",
                "categorical",
                null,
                null,
                null,
                false,
                List.of("bce", "hinge"),
                null,
                null),
            new ParamSpec("g_width", "int", 32.0, 64.0, 32.0, false, null, null, null),
            new ParamSpec(
                "r1_gamma", "quantized", 0.5, 1.0, 0.5, false, null, "loss", List.of("bce")));
    Sampler grid = Samplers.of(spec(space));
    List<TrialView> trials = new ArrayList<>();
    List<Map<String, Object>> seen = new ArrayList<>();
    while (!grid.exhausted(trials)) {
      Map<String, Object> p = grid.ask(trials);
      seen.add(p);
      trials.add(Trials.with(trials.size(), TrialState.COMPLETE, p));
    }
    assertEquals(
        List.of(
            Map.of("loss", "bce", "g_width", 32, "r1_gamma", 0.5),
            Map.of("loss", "bce", "g_width", 32, "r1_gamma", 1.0),
            Map.of("loss", "bce", "g_width", 64, "r1_gamma", 0.5),
            Map.of("loss", "bce", "g_width", 64, "r1_gamma", 1.0),
            Map.of("loss", "hinge", "g_width", 32),
            Map.of("loss", "hinge", "g_width", 64)),
        seen);
    assertEquals(Integer.class, seen.get(0).get("g_width").getClass());
  }

  @Test
  void aPointTakenByAnyTrialIsNotProposedAgainWhateverItsNumberType() {
    List<ParamSpec> space =
        List.of(
            new ParamSpec(
                "latent_dim",
                "categorical",
                null,
                null,
                null,
                false,
                List.of(32L, 64L),
                null,
                null));
    Sampler grid = Samplers.of(spec(space));
    // As the workflow's history brings it back: an Integer, not the Long given.
    List<TrialView> trials = List.of(Trials.with(0, TrialState.FAILED, Map.of("latent_dim", 32)));
    assertEquals(Map.of("latent_dim", 64L), grid.ask(trials));
    assertFalse(grid.exhausted(trials));
    assertTrue(
        grid.exhausted(
            List.of(trials.get(0), Trials.with(1, TrialState.RUNNING, Map.of("latent_dim", 64)))));
  }
}
