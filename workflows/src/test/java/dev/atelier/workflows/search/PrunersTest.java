package dev.atelier.workflows.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrunersTest {
  private static SearchSpec spec(EarlyStoppingSpec es, List<StopRuleSpec> rules) {
    return new SearchSpec(
        List.of(),
        History.FD,
        new AlgorithmSpec("random", 0, 0, false, false),
        new BudgetSpec(10, 2, 0, 0),
        es,
        rules,
        null,
        1);
  }

  @Test
  void theSpecsKindPicksThePruner() {
    assertSame(Pruner.NONE, Pruners.of(spec(EarlyStoppingSpec.NONE, List.of())));
    assertSame(Pruner.NONE, Pruners.of(spec(null, List.of())));
    SuccessiveHalving asha =
        assertInstanceOf(
            SuccessiveHalving.class,
            Pruners.of(spec(new EarlyStoppingSpec("asha", 50, 2, 500, 0), List.of())));
    assertEquals(List.of(50L, 100L, 200L, 400L), asha.rungs());
    Hyperband hb =
        assertInstanceOf(
            Hyperband.class,
            Pruners.of(spec(new EarlyStoppingSpec("hyperband", 100, 3, 900, 0), List.of())));
    assertEquals(3, hb.bracketCount());
  }

  @Test
  void aBadEarlyStoppingSpecNamesTheFieldTheValueAndTheRule() {
    assertEquals(
        "early_stopping.reduction_factor must be at least 2, got 1",
        assertThrows(
                IllegalArgumentException.class,
                () -> Pruners.of(spec(new EarlyStoppingSpec("asha", 100, 1, 900, 0), List.of())))
            .getMessage());
    assertEquals(
        "early_stopping.kind must be 'none', 'asha' or 'hyperband', got 'median'",
        assertThrows(
                IllegalArgumentException.class,
                () -> Pruners.of(spec(new EarlyStoppingSpec("median", 1, 3, 9, 0), List.of())))
            .getMessage());
  }

  @Test
  void stopRulesComeInDeclarationOrder() {
    List<StopRule> rules =
        Pruners.stopRules(
            spec(
                EarlyStoppingSpec.NONE,
                List.of(
                    StopRuleDefaults.of("no_improvement"),
                    StopRuleDefaults.of("divergence"),
                    new StopRuleSpec("mode_collapse", 0.4, 2),
                    StopRuleDefaults.of("d_overpowering"))));
    assertEquals(
        List.of(
            new NoImprovementRule(History.FD, 0.0, 5),
            new DivergenceRule(1e-3, 2),
            new ModeCollapseRule(0.4, 2),
            new DOverpoweringRule(8.0, 3)),
        rules);
  }

  @Test
  void anUnknownStopRuleIsRefusedWithTheKindsThereAre() {
    assertEquals(
        "stop rule kind must be one of [divergence, mode_collapse, d_overpowering,"
            + " no_improvement], got 'checkerboard'",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    Pruners.stopRules(
                        spec(
                            EarlyStoppingSpec.NONE,
                            List.of(new StopRuleSpec("checkerboard", 1, 1)))))
            .getMessage());
  }
}
