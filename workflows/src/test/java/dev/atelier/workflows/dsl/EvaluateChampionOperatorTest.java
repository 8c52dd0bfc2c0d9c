package dev.atelier.workflows.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The retrain loop's DSL: an EvaluateChampionOperator needs pick_best's and prepare_dataset's
 * outputs and metrics with a direction; a review's auto_promote needs a margin in [0, 1) and the
 * evaluation it judges. Each mistake is named when the Dag is built.
 */
class EvaluateChampionOperatorTest {
  private static Dag build(
      boolean wired,
      java.util.function.Function<EvaluateChampionOperator, EvaluateChampionOperator> evaluate,
      java.util.function.Function<ReviewOperator, ReviewOperator> review) {
    var dag = Dag.builder("retrain_dsl");
    var prepare = dag.add(new FunctionTask("prepare_dataset", ctx -> Map.of("path", "/d")));
    var train = dag.add(new FunctionTask("train", ctx -> java.util.List.of()));
    var pick = dag.add(new FunctionTask("pick_best", ctx -> Map.of("metric", "fd_rgb8")));
    var op = new EvaluateChampionOperator("evaluate_champion");
    var eval = dag.add(evaluate.apply(wired ? op.challenger(pick, prepare) : op));
    var r = new ReviewOperator("review", "Better?").candidates(train, pick);
    var rev = dag.add(review.apply(wired ? r.evaluation(eval) : r));
    Chain.chain(prepare, train, pick, eval, rev);
    return dag.build();
  }

  @Test
  void theRetrainChainBuilds_withTheDefaultMetrics() {
    Dag d = build(true, e -> e, r -> r.autoPromote(0.05));
    assertTrue(d.task("evaluate_champion").isPresent());
  }

  @Test
  void mistakesAreNamed() {
    DagValidationException e =
        assertThrows(
            DagValidationException.class,
            () -> build(false, x -> x.metrics("fd_rgb8"), r -> r.autoPromote(1.5)));
    String m = e.getMessage();
    assertTrue(m.contains("best must be pick_best's output"), m);
    assertTrue(m.contains("metrics: 'fd_rgb8' must be a metric name and its direction"), m);
    assertTrue(m.contains("auto_promote margin 1.5 must be a number from 0"), m);
    assertTrue(m.contains("auto_promote needs evaluation(task)"), m);
    assertEquals(DagValidationException.class, e.getClass());
  }
}
