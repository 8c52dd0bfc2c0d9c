package dev.atelier.workflows.dsl;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An Airflow Dag: its settings and its tasks, validated when built ({@link DagBuilder#build()}).
 * Immutable once built; {@link #toSpec()} is the form a run carries.
 */
public final class Dag {
  /** The Dag-level settings, as given to the builder. */
  record Settings(
      String dagId,
      String description,
      String schedule,
      Duration scheduleInterval,
      Instant startDate,
      boolean catchup,
      int maxActiveRuns,
      int maxActiveTasks,
      DefaultArgs defaultArgs,
      List<String> tags,
      Params params) {}

  private final Settings settings;
  private final Map<String, Task> tasks;
  private final List<TaskGroup> groups;

  Dag(Settings settings, List<Task> tasks, List<TaskGroup> groups) {
    this.settings = settings;
    Map<String, Task> byId = new LinkedHashMap<>();
    tasks.forEach(t -> byId.put(t.taskId(), t));
    this.tasks = Collections.unmodifiableMap(byId);
    this.groups = List.copyOf(groups);
  }

  public static DagBuilder builder(String dagId) {
    return new DagBuilder(dagId);
  }

  public String dagId() {
    return settings.dagId();
  }

  public String description() {
    return settings.description();
  }

  /** A fixed-interval schedule ({@code schedule=timedelta(...)}), or null. */
  public Duration scheduleInterval() {
    return settings.scheduleInterval();
  }

  /** The schedule as written (preset, cron, or null for manual-only or a fixed interval). */
  public String schedule() {
    return settings.schedule();
  }

  public Instant startDate() {
    return settings.startDate();
  }

  public boolean catchup() {
    return settings.catchup();
  }

  public int maxActiveRuns() {
    return settings.maxActiveRuns();
  }

  public int maxActiveTasks() {
    return settings.maxActiveTasks();
  }

  public DefaultArgs defaultArgs() {
    return settings.defaultArgs();
  }

  public List<String> tags() {
    return List.copyOf(settings.tags());
  }

  public Params params() {
    return settings.params();
  }

  /** Tasks in definition order. */
  public List<Task> tasks() {
    return List.copyOf(tasks.values());
  }

  public Optional<Task> task(String taskId) {
    return Optional.ofNullable(tasks.get(taskId));
  }

  /** Group ids in definition order (nested groups as {@code outer.inner}). */
  public List<String> groupIds() {
    return groups.stream().map(TaskGroup::groupId).toList();
  }

  public DagSpec toSpec() {
    DefaultArgs defaults = settings.defaultArgs();
    Map<Task, TaskSettings.Resolved> resolved = new IdentityHashMap<>();
    tasks.values().forEach(t -> resolved.put(t, t.settings.resolve(defaults)));
    Map<Task, Integer> weights = PriorityWeights.compute(tasks(), resolved);
    List<TaskSpec> specs = new ArrayList<>();
    tasks.values().forEach(t -> specs.add(t.toSpec(dagId(), defaults, weights.get(t))));
    Instant start = settings.startDate();
    return new DagSpec(
        dagId(),
        settings.description(),
        settings.schedule(),
        start == null ? null : start.toString(),
        settings.catchup(),
        settings.maxActiveRuns(),
        settings.tags(),
        settings.params().schema(),
        specs,
        settings.maxActiveTasks());
  }

  @Override
  public String toString() {
    return "<Dag: " + dagId() + ">";
  }
}
