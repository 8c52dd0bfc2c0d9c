package dev.atelier.workflows.dsl;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A task of a Dag (Airflow's operator instance). Dependencies are kept as id sets on both ends, as
 * Airflow keeps {@code upstream_task_ids}/{@code downstream_task_ids}; {@code a.then(b)} is
 * Airflow's {@code a >> b}. Settings return the task so a definition reads top to bottom.
 */
public abstract class Task {
  private final String taskId;
  private final Set<String> upstream = new LinkedHashSet<>();
  private final Set<String> downstream = new LinkedHashSet<>();
  private TriggerRule triggerRule = TriggerRule.ALL_SUCCESS;
  private Integer retries;
  private Duration retryDelay;

  protected Task(String taskId) {
    this.taskId = taskId;
  }

  public String taskId() {
    return taskId;
  }

  /** Airflow's {@code self >> next}; returns {@code next} so calls chain left to right. */
  public <T extends Task> T then(T next) {
    downstream.add(next.taskId());
    ((Task) next).upstream.add(taskId);
    return next;
  }

  /** Airflow's {@code self >> [a, b]}. */
  public void then(List<? extends Task> next) {
    next.forEach(this::then);
  }

  public Set<String> upstreamTaskIds() {
    return Collections.unmodifiableSet(upstream);
  }

  public Set<String> downstreamTaskIds() {
    return Collections.unmodifiableSet(downstream);
  }

  public Task triggerRule(TriggerRule rule) {
    this.triggerRule = rule;
    return this;
  }

  public TriggerRule triggerRule() {
    return triggerRule;
  }

  /** Overrides the Dag's {@code default_args.retries} for this task. */
  public Task retries(int n) {
    this.retries = n;
    return this;
  }

  /** Overrides the Dag's {@code default_args.retry_delay} for this task. */
  public Task retryDelay(Duration delay) {
    this.retryDelay = delay;
    return this;
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

  /** The activity type an {@link TaskKind#ACTIVITY} task runs; null otherwise. */
  public String activityType() {
    return null;
  }

  /** Adds this operator's own definition errors (argument names, kinds of values). */
  protected void check(String dagId, Params params, List<String> violations) {}

  TaskSpec toSpec(DefaultArgs defaults) {
    int tries = retries != null ? retries : defaults.retries();
    Duration delay = retryDelay != null ? retryDelay : defaults.retryDelay();
    return new TaskSpec(
        taskId,
        operator(),
        kind(),
        activityType(),
        jsonMap(args()),
        jsonMap(expandArgs()),
        List.copyOf(upstream),
        triggerRule.value(),
        tries,
        delay.toSeconds());
  }

  Integer retriesOverride() {
    return retries;
  }

  private static Map<String, Object> jsonMap(Map<String, Object> in) {
    Map<String, Object> out = new LinkedHashMap<>();
    in.forEach((k, v) -> out.put(k, ParamRef.toJson(v)));
    return out;
  }

  @Override
  public String toString() {
    return "<Task(" + operator() + "): " + taskId + ">";
  }
}
