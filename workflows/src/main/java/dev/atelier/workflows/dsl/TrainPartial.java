package dev.atelier.workflows.dsl;

import dev.atelier.workflows.search.EarlyStoppingSpec;
import dev.atelier.workflows.search.SearchSpec;
import java.util.Map;

/**
 * The result of {@code TrainOperator.partial(...)}: the arguments shared by every trial, waiting
 * for {@link #expand} (Airflow's {@code OperatorPartial}) or {@link #search}. Argument names are
 * checked when the Dag is built, so every mistake is reported together.
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

  /**
   * Maps the task over the trials a search proposes ({@link Search}); checked with the Dag. Early
   * stopping's {@code max_steps}, when not given, is {@code steps} here if that is a number.
   */
  public TrainOperator search(SearchSpec search) {
    EarlyStoppingSpec e = search.earlyStopping();
    if (e != null
        && !"none".equals(e.kind())
        && e.maxSteps() == 0
        && kwargs.get("steps") instanceof Number steps) {
      e =
          new EarlyStoppingSpec(
              e.kind(), e.minSteps(), e.reductionFactor(), steps.longValue(), e.brackets());
      search =
          new SearchSpec(
              search.space(),
              search.objective(),
              search.algorithm(),
              search.budget(),
              e,
              search.stopRules(),
              search.pbt(),
              search.seed());
    }
    return new TrainOperator(taskId, kwargs, Map.of(), search);
  }
}
