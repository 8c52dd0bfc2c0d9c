package dev.atelier.workflows.dsl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task that runs one activity of a named type (e.g. {@code PrepareDataset}, {@code PickBest})
 * with its arguments; its return value is the task's XCom. The engine calls the activity by name,
 * so this module never depends on an implementation.
 */
public final class ActivityOperator extends Task {
  private final String activityType;
  private final Map<String, Object> args = new LinkedHashMap<>();

  public ActivityOperator(String taskId, String activityType) {
    super(taskId);
    this.activityType = activityType;
  }

  /** One argument: a literal, or {@link ParamRef#param} for a value taken from the run's params. */
  public ActivityOperator arg(String name, Object value) {
    args.put(name, value);
    return this;
  }

  @Override
  public Map<String, Object> args() {
    return Collections.unmodifiableMap(args);
  }

  @Override
  public String activityType() {
    return activityType;
  }

  @Override
  public String operator() {
    return activityType;
  }

  @Override
  public TaskKind kind() {
    return TaskKind.ACTIVITY;
  }
}
