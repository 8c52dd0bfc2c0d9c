package dev.atelier.workflows.dsl;

/**
 * A task that runs one activity of a named type (e.g. {@code PrepareDataset}, {@code PickBest})
 * with its arguments; its return value is the task's XCom. The engine calls the activity by name,
 * so this module never depends on an implementation. It can be mapped like any task ({@code
 * expand}, {@code expand_kwargs}): one activity call per map index.
 */
public final class ActivityOperator extends MappableTask<ActivityOperator> {
  private final String activityType;

  public ActivityOperator(String taskId, String activityType) {
    super(taskId);
    this.activityType = activityType;
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
