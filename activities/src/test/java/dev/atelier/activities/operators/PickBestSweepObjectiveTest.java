package dev.atelier.activities.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.activities.Services;
import dev.atelier.activities.mlflow.AtelierTags;
import dev.atelier.workflows.activities.TaskCall;
import dev.atelier.workflows.activities.TrialOutcome;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlflow.tracking.MlflowClient;

/**
 * pick_best over a searching sweep whose objective counts each trial's best value picks the trial
 * the sweep names best, not the one with the best last value; over a sweep that counts the last
 * value, or for another metric, it keeps reading the last values. Against the real MLflow.
 *
 * <pre>
 *   fd_rgb8 at steps 10, 20, 30
 *   trial 0: 30  25  28    best 25 (the sweep's best), last 28
 *   trial 1: 29  27  26    best 26,                    last 26 (the best last value)
 * </pre>
 */
class PickBestSweepObjectiveTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final MlflowClient mlflow = Services.mlflow();
  private final OperatorActivitiesImpl operators = new OperatorActivitiesImpl(mlflow);

  @Test
  void pickBest_sweepCountsTheBestValue_picksTheTrialWithTheBestValueAtAnyEvaluation() {
    TaskCall call = sweep("fd_rgb8 min best");

    Map<String, Object> picked = operators.pickBest(call);

    assertEquals(0, picked.get("map_index"), "the sweep's best trial: " + picked);
    assertEquals(25.0, (double) picked.get("value"), 1e-9);
  }

  @Test
  void pickBest_sweepCountsTheLastValue_picksTheBestLastValue() {
    Map<String, Object> picked = operators.pickBest(sweep("fd_rgb8 min last"));

    assertEquals(1, picked.get("map_index"), picked.toString());
    assertEquals(26.0, (double) picked.get("value"), 1e-9);
  }

  /** Two finished trials under a parent run that declares {@code objective}. */
  private TaskCall sweep(String objective) {
    String experiment =
        mlflow.createExperiment("test_pick_best_" + UUID.randomUUID().toString().substring(0, 8));
    String parent = mlflow.createRun(experiment).getRunId();
    mlflow.logParam(parent, SweepObjectiveValues.OBJECTIVE_PARAM, objective);
    List<Object> outcomes =
        List.of(trial(experiment, parent, 0, 30, 25, 28), trial(experiment, parent, 1, 29, 27, 26));
    return new TaskCall(
        "d",
        "r",
        "pick_best",
        -1,
        1,
        Map.of("from", "train", "metric", "fd_rgb8", "mode", "min"),
        Map.of(),
        Map.of("train", outcomes));
  }

  /** A child run with fd_rgb8 at steps 10, 20, 30; its outcome as Temporal hands it over. */
  private Object trial(String experiment, String parent, int index, double... fd) {
    String run = mlflow.createRun(experiment).getRunId();
    mlflow.setTag(run, AtelierTags.PARENT_RUN_ID, parent);
    for (int i = 0; i < fd.length; i++) {
      mlflow.logMetric(run, "fd_rgb8", fd[i], System.currentTimeMillis(), 10L * (i + 1));
    }
    TrialOutcome outcome =
        new TrialOutcome(index, run, "SUCCEEDED", 0, "", Map.of("fd_rgb8", fd[fd.length - 1]), 30);
    return JSON.convertValue(outcome, new TypeReference<Map<String, Object>>() {});
  }
}
