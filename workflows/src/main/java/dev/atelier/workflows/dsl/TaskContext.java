package dev.atelier.workflows.dsl;

import dev.atelier.workflows.schedule.AssetAlias;
import java.time.Instant;
import java.util.Map;

/**
 * What a task function sees of its run, Airflow's task context: the run's dates and ids, params and
 * conf, its own arguments, and XComs. {@code xcomPull} sees the XComs of the task's upstream tasks
 * (and of tasks its arguments reference), which is what a task may rely on having run.
 */
public interface TaskContext {
  String dagId();

  String taskId();

  String runId();

  /** -1 for a task that is not mapped. */
  int mapIndex();

  /** 1 for the first try. */
  int tryNumber();

  Instant logicalDate();

  Instant dataIntervalStart();

  Instant dataIntervalEnd();

  /** Airflow's {@code ds}: the logical date as {@code YYYY-MM-DD} (UTC). */
  String ds();

  /** Airflow's {@code ts}: the logical date as ISO-8601 with offset. */
  String ts();

  /** The run's params: the Dag's defaults with the run's conf merged over them. */
  Map<String, Object> params();

  /** The run's conf exactly as given when it was triggered. */
  Map<String, Object> conf();

  /** The task's arguments (for a mapped instance, its partial plus its own mapped values). */
  Map<String, Object> args();

  /**
   * One argument, converted to {@code type} (numbers convert between widths).
   *
   * @throws IllegalArgumentException naming the argument when it is missing or of another type
   */
  <T> T arg(String name, Class<T> type);

  /** The {@code return_value} XCom of a task (the list of its values if it is mapped). */
  Object xcomPull(String taskId);

  /** A keyed XCom of a task (the list of its instances' values if it is mapped). */
  Object xcomPull(String taskId, String key);

  /** A keyed XCom of one instance of a task. */
  Object xcomPull(String taskId, String key, int mapIndex);

  /** Stores a keyed XCom of this task instance; {@code return_value} is set by returning. */
  void xcomPush(String key, Object value);

  /**
   * Airflow's {@code outlet_events[dataset].extra}: the extra of the dataset event this instance
   * records for its outlet {@code datasetUri} when it succeeds. Returns the map to fill.
   *
   * @throws IllegalArgumentException when the task has no such outlet
   */
  Map<String, Object> outletExtra(String datasetUri);

  /**
   * Airflow 3's {@code outlet_events[AssetAlias(...)]}: adds asset events through the alias, which
   * must be one of the task's outlets; see {@link AliasOutletEvents}.
   *
   * @throws IllegalArgumentException when the alias is not among the task's outlets
   */
  AliasOutletEvents outletEvents(AssetAlias alias);
}
