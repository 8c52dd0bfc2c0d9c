package dev.atelier.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Runs a task function ({@code @task}, branch and short-circuit callables) by the name in {@link
 * TaskCall#callable()}. Implementations look the function up in the worker's DagBag (see {@link
 * TaskFunctionInvoker}); workflow code only passes the name, so it stays deterministic.
 */
@ActivityInterface
public interface TaskFunctionActivities {
  String RUN_TASK_FUNCTION = "RunTaskFunction";

  /**
   * One try of the function. A {@code TaskSkipped} comes back as a skipped result, a {@code
   * TaskFailed} as a non-retryable failure, an unknown name as a non-retryable failure naming it;
   * any other exception fails the try.
   */
  @ActivityMethod(name = RUN_TASK_FUNCTION)
  TaskResult run(TaskCall call);
}
