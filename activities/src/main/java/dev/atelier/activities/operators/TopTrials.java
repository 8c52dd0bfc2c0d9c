package dev.atelier.activities.operators;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.workflows.activities.TrialOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.mlflow.tracking.MlflowClient;

/**
 * A review's candidates: the sweep's best {@code k} trials as pick_best judged them (the same
 * metric and mode, each trial's best logged value when the sweep's objective counts the best), so
 * the review's first candidate is pick_best's pick. Completed trials rank before pruned ones, as
 * {@link BestTrial} prefers them; trials without a finite value are left out.
 */
public final class TopTrials {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TopTrials() {}

  /**
   * @param trials the sweep task's XCom: trial outcomes as JSON-shaped maps
   * @throws IllegalArgumentException when an item is not a trial outcome, or the mode is unknown
   */
  public static List<TrialOutcome> rank(
      MlflowClient mlflow, List<?> trials, String metric, String mode, int k) {
    if (!BestTrial.MODES.contains(mode)) {
      throw new IllegalArgumentException("mode: '" + mode + "' is not one of " + BestTrial.MODES);
    }
    List<TrialOutcome> outcomes = new ArrayList<>();
    for (Object item : trials) {
      try {
        outcomes.add(JSON.convertValue(item, TrialOutcome.class));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("trials: " + item + " is not a trial outcome", e);
      }
    }
    List<TrialOutcome> judged =
        SweepObjectiveValues.asTheSweepJudges(mlflow, outcomes, metric, mode);
    Comparator<TrialOutcome> byValue = Comparator.comparingDouble(t -> t.metrics().get(metric));
    if (mode.equals("max")) {
      byValue = byValue.reversed();
    }
    Comparator<TrialOutcome> order =
        Comparator.comparing((TrialOutcome t) -> t.succeeded() ? 0 : 1).thenComparing(byValue);
    return judged.stream()
        .filter(t -> t.succeeded() || "PRUNED".equals(t.status()))
        .filter(t -> t.mlflowRunId() != null && t.metrics() != null)
        .filter(t -> t.metrics().get(metric) != null && Double.isFinite(t.metrics().get(metric)))
        .sorted(order)
        .limit(Math.max(0, k))
        .toList();
  }
}
