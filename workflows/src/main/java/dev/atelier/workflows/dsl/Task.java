package dev.atelier.workflows.dsl;

import dev.atelier.workflows.schedule.Asset;
import dev.atelier.workflows.schedule.AssetAlias;
import dev.atelier.workflows.schedule.AssetOutlet;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A task of a Dag (Airflow's operator instance). Dependencies are kept as references on both ends
 * and shown as id sets, as Airflow keeps {@code upstream_task_ids}/{@code downstream_task_ids};
 * {@code a.then(b)} is Airflow's {@code a >> b}. A task added to a {@link TaskGroup} gets the
 * group's id as a prefix ({@code group.task}). Settings return the task so a definition reads top
 * to bottom; what a task leaves unset comes from the Dag's {@link DefaultArgs}.
 */
public abstract class Task implements Node {
  private final String localId;
  private TaskGroup group;
  private final Set<Task> upstream = new LinkedHashSet<>();
  private final Set<Task> downstream = new LinkedHashSet<>();
  private TriggerRule triggerRule;
  final TaskSettings settings = new TaskSettings();

  protected Task(String taskId) {
    this.localId = taskId;
  }

  /** The id as the Dag knows it: {@code group.sub.task} inside task groups. */
  public String taskId() {
    return group == null ? localId : group.childId(localId);
  }

  @Override
  public List<Task> roots() {
    return List.of(this);
  }

  @Override
  public List<Task> leaves() {
    return List.of(this);
  }

  void linkDownstream(Task next) {
    downstream.add(next);
    next.upstream.add(this);
  }

  void joinGroup(TaskGroup g) {
    this.group = g;
  }

  TaskGroup group() {
    return group;
  }

  Set<Task> upstream() {
    return upstream;
  }

  Set<Task> downstream() {
    return downstream;
  }

  public Set<String> upstreamTaskIds() {
    Set<String> ids = new LinkedHashSet<>();
    upstream.forEach(t -> ids.add(t.taskId()));
    return ids;
  }

  public Set<String> downstreamTaskIds() {
    Set<String> ids = new LinkedHashSet<>();
    downstream.forEach(t -> ids.add(t.taskId()));
    return ids;
  }

  /** Airflow's {@code task.output}: this task's return value, as an argument of another task. */
  public XComArg output() {
    return new XComArg(this, XComArg.RETURN_VALUE);
  }

  /** A keyed XCom this task pushes, as an argument of another task. */
  public XComArg output(String key) {
    return new XComArg(this, key);
  }

  public Task triggerRule(TriggerRule rule) {
    this.triggerRule = rule;
    return this;
  }

  /** The rule set on this task, else Airflow's default {@code all_success}. */
  public TriggerRule triggerRule() {
    return triggerRule != null ? triggerRule : TriggerRule.ALL_SUCCESS;
  }

  /** Airflow's {@code retries}: how many times a failed try is tried again. */
  public Task retries(int n) {
    settings.retries = n;
    return this;
  }

  /** Airflow's {@code retry_delay} (default 300 s): the wait before a retry. */
  public Task retryDelay(Duration delay) {
    settings.retryDelay = delay;
    return this;
  }

  /** Airflow's {@code retry_exponential_backoff}: the delay doubles each try, with jitter. */
  public Task retryExponentialBackoff(boolean on) {
    settings.retryExponentialBackoff = on;
    return this;
  }

  /** Airflow's {@code max_retry_delay}: the cap of an exponentially growing delay. */
  public Task maxRetryDelay(Duration cap) {
    settings.maxRetryDelay = cap;
    return this;
  }

  /** Airflow's {@code execution_timeout}: a try that runs longer fails (and may be retried). */
  public Task executionTimeout(Duration limit) {
    settings.executionTimeout = limit;
    return this;
  }

  /** Airflow's {@code pool}: the pool whose slots this task's tries take, across all runs. */
  public Task pool(String name) {
    settings.pool = name;
    return this;
  }

  /** Airflow's {@code pool_slots}: how many of the pool's slots one try takes (default 1). */
  public Task poolSlots(int n) {
    settings.poolSlots = n;
    return this;
  }

  /** Airflow's {@code priority_weight} (default 1), combined per {@link #weightRule}. */
  public Task priorityWeight(int weight) {
    settings.priorityWeight = weight;
    return this;
  }

  /** Airflow's {@code weight_rule} (default {@code downstream}). */
  public Task weightRule(WeightRule rule) {
    settings.weightRule = rule;
    return this;
  }

  /** Airflow's {@code max_active_tis_per_dagrun}: concurrent instances of this task in one run. */
  public Task maxActiveTisPerDagrun(int n) {
    settings.maxActiveTisPerDagrun = n;
    return this;
  }

  /**
   * Airflow's {@code outlets}: the datasets this task updates. Each success of an instance records
   * a dataset event per outlet (source Dag, run, task and map index, plus any extra the function
   * set with {@link TaskContext#outletExtra}), which starts the Dags scheduled on those datasets.
   */
  public Task outlets(String... datasetUris) {
    settings.outlets = List.copyOf(java.util.Arrays.asList(datasetUris));
    settings.outletAssets = List.of();
    settings.outletAliases = List.of();
    return this;
  }

  /**
   * Airflow 3's {@code outlets=[Asset(...), AssetAlias(...)]}: the assets this task updates (their
   * URIs are the task's {@link #outlets()}, their names and groups what the API shows) and the
   * aliases it may add asset events through while it runs ({@link TaskContext#outletEvents}).
   */
  public Task outlets(AssetOutlet... outlets) {
    List<Asset> assets = new java.util.ArrayList<>();
    List<AssetAlias> aliases = new java.util.ArrayList<>();
    for (int i = 0; i < outlets.length; i++) {
      if (outlets[i] instanceof Asset a) {
        assets.add(a);
      } else if (outlets[i] instanceof AssetAlias a) {
        aliases.add(a);
      } else {
        throw new IllegalArgumentException(
            "Task '" + localId + "': outlets[" + i + "] is null; give an Asset or AssetAlias");
      }
    }
    settings.outlets = assets.stream().map(Asset::uri).toList();
    settings.outletAssets = List.copyOf(assets);
    settings.outletAliases = List.copyOf(aliases);
    return this;
  }

  /** The aliases this task may add asset events through (Airflow's alias outlets). */
  public List<AssetAlias> outletAliases() {
    return settings.outletAliases;
  }

  /**
   * The assets this task updates: those declared as {@link Asset}s, else one per URI, named by it.
   */
  public List<Asset> outletAssets() {
    return settings.outletAssets.isEmpty()
        ? settings.outlets.stream()
            .filter(u -> u != null && !u.isBlank() && u.chars().noneMatch(Character::isWhitespace))
            .map(Asset::of)
            .toList()
        : settings.outletAssets;
  }

  /** The URIs of the datasets this task updates (empty when none). */
  public List<String> outlets() {
    return settings.outlets;
  }

  /** The operator's name as the UI and API show it (Airflow's {@code operator} field). */
  public abstract String operator();

  public abstract TaskKind kind();

  /** Arguments given once (for a mapped task: its {@code partial} kwargs). */
  public Map<String, Object> args() {
    return Map.of();
  }

  /** Mapped arguments ({@code expand} kwargs, in order); empty for a task that is not mapped. */
  public Map<String, Object> expandArgs() {
    return Map.of();
  }

  /** Airflow's {@code expand_kwargs} source (a list of dicts or an XComArg), or null. */
  public Object expandKwargsArg() {
    return null;
  }

  /** The activity type an {@link TaskKind#ACTIVITY} task runs; null otherwise. */
  public String activityType() {
    return null;
  }

  /** Whether this task can end {@code skipped} by itself (not counting what its upstreams do). */
  boolean canSkipItself() {
    return !expandArgs().isEmpty() || expandKwargsArg() != null;
  }

  /** Adds this operator's own definition errors (argument names, kinds of values). */
  protected void check(String dagId, Params params, List<String> violations) {}

  /** What this kind of task adds to its spec; see {@link TaskSpec}. */
  protected TaskSpec.Extras extras(String dagId) {
    return TaskSpec.Extras.NONE;
  }

  TaskSpec toSpec(String dagId, DefaultArgs defaults, int priorityWeightTotal) {
    TaskSettings.Resolved s = settings.resolve(defaults);
    TaskSpec.Extras x = extras(dagId);
    return new TaskSpec(
        taskId(),
        operator(),
        kind(),
        activityType(),
        ArgJson.map(args()),
        ArgJson.map(expandArgs()),
        List.copyOf(upstreamTaskIds()),
        (triggerRule != null ? triggerRule : defaults.triggerRuleOrDefault()).value(),
        s.retries(),
        s.retryDelay().toSeconds(),
        ArgJson.of(expandKwargsArg()),
        x.callable(),
        s.retryExponentialBackoff(),
        s.maxRetryDelay() == null ? null : s.maxRetryDelay().toSeconds(),
        s.executionTimeout() == null ? null : s.executionTimeout().toSeconds(),
        s.pool(),
        s.poolSlots(),
        priorityWeightTotal,
        s.weightRule().value(),
        s.maxActiveTisPerDagrun(),
        x.ignoreDownstreamTriggerRules(),
        group == null ? null : group.groupId(),
        x.sensor(),
        settings.outlets.isEmpty() ? null : settings.outlets,
        x.search(),
        settings.outletAliases.isEmpty()
            ? null
            : settings.outletAliases.stream().map(AssetAlias::name).toList());
  }

  TriggerRule triggerRuleOverride() {
    return triggerRule;
  }

  @Override
  public String toString() {
    return "<Task(" + operator() + "): " + taskId() + ">";
  }
}
