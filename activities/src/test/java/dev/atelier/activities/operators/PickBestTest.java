package dev.atelier.activities.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.workflows.activities.TaskCall;
import dev.atelier.workflows.activities.TrialOutcome;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PickBest over trial outcomes shaped as Temporal hands them over: JSON maps, not records. The
 * outcomes carry no MLflow run ids, so no MLflow is needed.
 */
class PickBestTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final OperatorActivitiesImpl operators = new OperatorActivitiesImpl(null);

  private static Object asJsonMap(TrialOutcome outcome) {
    return JSON.convertValue(outcome, new TypeReference<Map<String, Object>>() {});
  }

  private static TaskCall call(String mode, TrialOutcome... outcomes) {
    List<Object> maps = java.util.Arrays.stream(outcomes).map(PickBestTest::asJsonMap).toList();
    return new TaskCall(
        "d",
        "r",
        "pick_best",
        -1,
        1,
        Map.of("from", "train", "metric", "fd_diag_rgb8", "mode", mode),
        Map.of(),
        Map.of("train", maps));
  }

  private static TrialOutcome trial(int index, String status, Double fd) {
    Map<String, Double> metrics = fd == null ? Map.of("loss_g", 1.0) : Map.of("fd_diag_rgb8", fd);
    return new TrialOutcome(index, null, status, 0, "", metrics, 300);
  }

  @Test
  void pickBest_minMode_lowestSuccessfulTrialWins() {
    Map<String, Object> best =
        operators.pickBest(
            call(
                "min",
                trial(0, "SUCCEEDED", 0.9),
                trial(1, "DIVERGED", 0.1),
                trial(2, "SUCCEEDED", 0.4),
                trial(3, "SUCCEEDED", null)));

    assertEquals(2, best.get("map_index"));
    assertEquals(0.4, best.get("value"));
    assertEquals("fd_diag_rgb8", best.get("metric"));
  }

  @Test
  void pickBest_maxMode_highestWins() {
    Map<String, Object> best =
        operators.pickBest(call("max", trial(0, "SUCCEEDED", 0.9), trial(1, "SUCCEEDED", 0.4)));

    assertEquals(0, best.get("map_index"));
  }

  @Test
  void pickBest_completedTrials_winOverABetterPrunedOne() {
    Map<String, Object> best =
        operators.pickBest(call("min", trial(0, "PRUNED", 0.1), trial(1, "SUCCEEDED", 0.5)));

    assertEquals(1, best.get("map_index"), "a trial that finished counts first");
  }

  /** A searching sweep stopped before any trial finished: all pruned, its best still stands. */
  @Test
  void pickBest_noCompletedTrial_picksTheBestPrunedOne() {
    Map<String, Object> best =
        operators.pickBest(
            call(
                "min",
                trial(0, "PRUNED", 0.7),
                trial(1, "PRUNED", 0.3),
                trial(2, "DIVERGED", 0.1)));

    assertEquals(1, best.get("map_index"));
    assertEquals(0.3, best.get("value"));
  }

  @Test
  void pickBest_noSuccessfulTrial_nonRetryableFailureNamingTaskAndMetric() {
    var failure =
        assertThrows(
            ApplicationFailure.class,
            () -> operators.pickBest(call("min", trial(0, "BAD_SPEC", null))));

    assertEquals(
        "pick_best: no successful trial of 'train' reported metric 'fd_diag_rgb8'",
        failure.getOriginalMessage());
    assertTrue(failure.isNonRetryable());
  }

  @Test
  void pickBest_unknownMode_namesTheRule() {
    var failure =
        assertThrows(
            ApplicationFailure.class,
            () -> operators.pickBest(call("median", trial(0, "SUCCEEDED", 1.0))));

    assertEquals("pick_best.mode: 'median' is not one of [min, max]", failure.getOriginalMessage());
  }
}
