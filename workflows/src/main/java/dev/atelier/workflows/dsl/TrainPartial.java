package dev.atelier.workflows.dsl;

import java.util.Map;

/**
 * The result of {@code TrainOperator.partial(...)}: the arguments shared by every trial, waiting
 * for {@link #expand} (Airflow's {@code OperatorPartial}). Argument names are checked when the Dag
 * is built, so every mistake is reported together.
 */
public final class TrainPartial {
  private final String taskId;
  private final Map<String, Object> kwargs;

  TrainPartial(String taskId, Map<String, Object> kwargs) {
    this.taskId = taskId;
    this.kwargs = kwargs;
  }

  /** Maps the task over the cartesian product of these lists (or array params). */
  public TrainOperator expand(Map<String, Object> mapped) {
    return new TrainOperator(taskId, kwargs, mapped);
  }
}
