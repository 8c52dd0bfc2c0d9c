package dev.atelier.workflows.dsl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An Airflow Dag: its settings and its tasks, validated when built ({@link DagBuilder#build()}).
 * Immutable once built; {@link #toSpec()} is the form a run carries.
 */
public final class Dag {
  private final String dagId;
  private final String description;
  private final String schedule;
  private final Instant startDate;
  private final boolean catchup;
  private final int maxActiveRuns;
  private final DefaultArgs defaultArgs;
  private final List<String> tags;
  private final Params params;
  private final Map<String, Task> tasks;

  Dag(
      String dagId,
      String description,
      String schedule,
      Instant startDate,
      boolean catchup,
      int maxActiveRuns,
      DefaultArgs defaultArgs,
      List<String> tags,
      Params params,
      List<Task> tasks) {
    this.dagId = dagId;
    this.description = description;
    this.schedule = schedule;
    this.startDate = startDate;
    this.catchup = catchup;
    this.maxActiveRuns = maxActiveRuns;
    this.defaultArgs = defaultArgs;
    this.tags = List.copyOf(tags);
    this.params = params;
    Map<String, Task> byId = new LinkedHashMap<>();
    tasks.forEach(t -> byId.put(t.taskId(), t));
    this.tasks = Collections.unmodifiableMap(byId);
  }

  public static DagBuilder builder(String dagId) {
    return new DagBuilder(dagId);
  }

  public String dagId() {
    return dagId;
  }

  public String description() {
    return description;
  }

  /** The schedule as written (preset, cron, or null for manual-only). */
  public String schedule() {
    return schedule;
  }

  public Instant startDate() {
    return startDate;
  }

  public boolean catchup() {
    return catchup;
  }

  public int maxActiveRuns() {
    return maxActiveRuns;
  }

  public DefaultArgs defaultArgs() {
    return defaultArgs;
  }

  public List<String> tags() {
    return tags;
  }

  public Params params() {
    return params;
  }

  /** Tasks in definition order. */
  public List<Task> tasks() {
    return List.copyOf(tasks.values());
  }

  public Optional<Task> task(String taskId) {
    return Optional.ofNullable(tasks.get(taskId));
  }

  public DagSpec toSpec() {
    List<TaskSpec> specs = new ArrayList<>();
    tasks.values().forEach(t -> specs.add(t.toSpec(defaultArgs)));
    return new DagSpec(
        dagId,
        description,
        schedule,
        startDate == null ? null : startDate.toString(),
        catchup,
        maxActiveRuns,
        tags,
        params.schema(),
        specs);
  }

  @Override
  public String toString() {
    return "<Dag: " + dagId + ">";
  }
}
