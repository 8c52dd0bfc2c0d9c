package dev.atelier.workflows.activities;

import dev.atelier.workflows.dsl.EvaluateChampionOperator;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.Map;

/**
 * The retrain loop's measurement, implemented by the app (it knows the champion): an {@link
 * EvaluateChampionOperator} try. It heartbeats while the champion's evaluation job runs.
 */
@ActivityInterface
public interface ChampionActivities {
  /**
   * Measures the champion of the challenger's registered model on the challenger's data. Returns
   * {@code model}, {@code metrics} (the names and directions compared), {@code challenger} ({@code
   * mlflow_run_id}, {@code step}, {@code values}), {@code champion} (null when there is none yet;
   * else {@code mlflow_run_id}, {@code version}, {@code step}, {@code evaluation_run_id}, {@code
   * values}), {@code dataset} (the version's {@code fingerprint} and {@code image_count}) and
   * {@code better} (per metric: whether the challenger's value is the better one).
   */
  @ActivityMethod(name = EvaluateChampionOperator.ACTIVITY_TYPE)
  Map<String, Object> evaluateChampion(TaskCall call);
}
