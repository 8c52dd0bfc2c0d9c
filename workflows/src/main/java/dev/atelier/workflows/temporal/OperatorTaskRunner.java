package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.TaskCall;
import dev.atelier.workflows.dsl.ParamRef;
import dev.atelier.workflows.dsl.TaskSpec;
import dev.atelier.workflows.dsl.TaskState;
import io.temporal.workflow.ActivityStub;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;

/**
 * Runs an activity-operator task: its activity is called by type name through an untyped stub, once
 * per Airflow try. Airflow's {@code retries}/{@code retry_delay} are this loop rather than
 * Temporal's RetryOptions, so each try shows in the task instance as its {@code try_number}, with
 * {@code up_for_retry} in between, as in Airflow. A failure the activity marks non-retryable (a
 * missing dataset) ends the task at once.
 */
final class OperatorTaskRunner {
  private OperatorTaskRunner() {}

  @SuppressWarnings("unchecked")
  static TaskOutcome run(RunContext ctx, TaskSpec task, Map<String, Object> upstream) {
    DagRunInput in = ctx.input();
    TaskInstances ti = ctx.instance(task, -1);
    Map<String, Object> args;
    try {
      args = (Map<String, Object>) ParamRef.resolve(task.args(), in.params());
    } catch (IllegalArgumentException e) {
      ti.ended(TaskState.FAILED, 0, null, null, e.getMessage());
      return TaskOutcome.single(TaskState.FAILED, null, e.getMessage());
    }
    ActivityStub stub = Workflow.newUntypedActivityStub(Options.operatorTry());
    for (int attempt = 1; ; attempt++) {
      ti.running(attempt, null);
      try {
        Map<String, Object> result =
            stub.execute(
                task.activityType(),
                Map.class,
                new TaskCall(
                    in.dagId(),
                    in.runId(),
                    task.taskId(),
                    -1,
                    attempt,
                    args,
                    in.params(),
                    upstream));
        ti.ended(TaskState.SUCCESS, attempt, result, null, null);
        return TaskOutcome.single(TaskState.SUCCESS, result, null);
      } catch (RuntimeException e) {
        if (Failures.cancellation(e)) {
          int tried = attempt;
          Workflow.newDetachedCancellationScope(
                  () ->
                      ti.ended(
                          TaskState.FAILED,
                          tried,
                          null,
                          null,
                          "cancelled: the Dag run was stopped"))
              .run();
          throw e;
        }
        String reason = Failures.reason(e);
        if (attempt > task.retries() || Failures.nonRetryable(e)) {
          ti.ended(TaskState.FAILED, attempt, null, null, reason);
          return TaskOutcome.single(TaskState.FAILED, null, reason);
        }
        ti.upForRetry(attempt, null, reason);
        Workflow.sleep(Duration.ofSeconds(task.retryDelaySeconds()));
      }
    }
  }
}
