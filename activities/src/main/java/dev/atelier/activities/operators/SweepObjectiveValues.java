package dev.atelier.activities.operators;

import dev.atelier.activities.mlflow.AtelierTags;
import dev.atelier.activities.mlflow.MlflowRuns;
import dev.atelier.workflows.activities.TrialOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.tracking.MlflowClient;

/**
 * pick_best over a searching sweep judges as the sweep judged. A trial's outcome carries each
 * metric's last value; a sweep whose objective counts a trial's best value (the default, {@code
 * search.objective} "fd_rgb8 min best" on its MLflow parent run) names as its best the trial with
 * the best value at any evaluation, so pick_best on the last values could pick another trial than
 * the sweep's {@code atelier.best_trial}. When pick_best's metric and mode are the sweep's
 * objective and it counts the best, each completed or pruned trial's metric becomes its best logged
 * value.
 */
final class SweepObjectiveValues {
  /** The parent run's param the sweep workflow writes: "metric min|max best|last". */
  static final String OBJECTIVE_PARAM = "search.objective";

  private SweepObjectiveValues() {}

  /** The outcomes to rank: as given, or with the metric's best value when the sweep counts it. */
  static List<TrialOutcome> asTheSweepJudges(
      MlflowClient mlflow, List<TrialOutcome> trials, String metric, String mode) {
    if (mlflow == null || !countsBest(mlflow, trials, metric, mode)) {
      return trials;
    }
    List<TrialOutcome> judged = new ArrayList<>(trials.size());
    for (TrialOutcome t : trials) {
      Optional<Double> best =
          (t.succeeded() || "PRUNED".equals(t.status())) && t.mlflowRunId() != null
              ? bestLogged(mlflow, t.mlflowRunId(), metric, mode)
              : Optional.empty();
      if (best.isEmpty()) {
        judged.add(t);
        continue;
      }
      Map<String, Double> metrics = new LinkedHashMap<>(t.metrics());
      metrics.put(metric, best.get());
      judged.add(
          new TrialOutcome(
              t.mapIndex(),
              t.mlflowRunId(),
              t.status(),
              t.exitCode(),
              t.reason(),
              metrics,
              t.lastStep()));
    }
    return judged;
  }

  /** Whether the trials' sweep declared exactly this objective, counting each trial's best. */
  private static boolean countsBest(
      MlflowClient mlflow, List<TrialOutcome> trials, String metric, String mode) {
    Optional<String> anyRun =
        trials.stream().map(TrialOutcome::mlflowRunId).filter(id -> id != null).findFirst();
    if (anyRun.isEmpty()) {
      return false;
    }
    Optional<String> parent =
        MlflowRuns.tag(mlflow.getRun(anyRun.get()), AtelierTags.PARENT_RUN_ID);
    if (parent.isEmpty()) {
      return false;
    }
    Run sweep = mlflow.getRun(parent.get());
    return sweep.getData().getParamsList().stream()
        .filter(p -> p.getKey().equals(OBJECTIVE_PARAM))
        .map(Param::getValue)
        .findFirst()
        .map(declared -> declared.equals(metric + " " + mode + " best"))
        .orElse(false);
  }

  private static Optional<Double> bestLogged(
      MlflowClient mlflow, String runId, String metric, String mode) {
    return mlflow.getMetricHistory(runId, metric).stream()
        .map(Metric::getValue)
        .filter(Double::isFinite)
        .reduce(mode.equals("min") ? Math::min : Math::max);
  }
}
