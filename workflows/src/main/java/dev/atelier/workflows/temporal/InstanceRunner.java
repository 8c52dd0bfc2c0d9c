package dev.atelier.workflows.temporal;

import dev.atelier.workflows.dsl.TaskSpec;
import dev.atelier.workflows.dsl.TaskState;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;

/**
 * Runs one task instance through Airflow's try loop: take a pool slot (if the task has a pool),
 * {@code queued}, {@code running}, one try; on failure {@code up_for_retry}, give the slot back,
 * wait Airflow's retry delay in workflow time, and try again until {@code retries} are used up. A
 * failure marked non-retryable ({@code TaskFailed}, a missing dataset) ends the instance at once; a
 * try that outlives {@code execution_timeout} fails like any other. A try is one activity call, a
 * sensor's pokes, or a triggered run. Each state change is recorded.
 */
final class InstanceRunner {
  private InstanceRunner() {}

  static InstanceResult run(RunContext ctx, TaskSpec task, Invocation inv) {
    TaskInstances ti = ctx.instance(task, inv.mapIndex());
    String who =
        ctx.dagId()
            + "/"
            + ctx.runId()
            + "/"
            + task.taskId()
            + (inv.mapIndex() >= 0 ? "[" + inv.mapIndex() + "]" : "");
    HeldSlots slots =
        new HeldSlots(ctx.pools(), task.pool(), task.poolSlots(), task.priorityWeight(), who);
    for (int attempt = 1; ; attempt++) {
      InstanceResult result;
      try {
        slots.acquire();
        ti.queuedThenRunning(attempt);
        result = oneTry(ctx, task, inv, attempt, slots, ti);
      } catch (RuntimeException e) {
        if (Failures.cancellation(e)) {
          int tried = attempt;
          Workflow.newDetachedCancellationScope(
                  () -> {
                    slots.release();
                    ti.ended(
                        TaskState.FAILED, tried, null, null, "cancelled: the Dag run was stopped");
                  })
              .run();
          throw e;
        }
        slots.release();
        String reason = reason(task, e);
        if (attempt > task.retries() || Failures.nonRetryable(e)) {
          ti.ended(TaskState.FAILED, attempt, null, null, reason);
          return InstanceResult.of(inv.mapIndex(), TaskState.FAILED, attempt, reason);
        }
        ti.upForRetry(attempt, null, reason);
        Workflow.sleep(RetryDelay.after(task, ctx.dagId(), ctx.run().logicalDate(), attempt));
        continue;
      }
      slots.release();
      if (result.state() == TaskState.SUCCESS) {
        Outlets.emit(ctx, task, inv.mapIndex(), result.outletExtras(), result.aliasEvents());
      }
      ti.ended(result.state(), attempt, result.returnValue(), result.pushed(), null, result.note());
      return result;
    }
  }

  private static InstanceResult oneTry(
      RunContext ctx,
      TaskSpec task,
      Invocation inv,
      int attempt,
      HeldSlots slots,
      TaskInstances ti) {
    return switch (task.kind()) {
      case SENSOR -> SensorTry.run(ctx, task, inv, attempt, slots, ti);
      case TRIGGER_DAG_RUN -> TriggerTry.run(ctx, task, inv, attempt);
      case REVIEW -> ReviewTry.run(ctx, task, inv, attempt, ti);
      default -> TaskTry.run(ctx, task, inv, attempt);
    };
  }

  /** What the user reads: Airflow's timeout wording for an execution_timeout, else the cause. */
  private static String reason(TaskSpec task, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TimeoutFailure timeout
          && timeout.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE) {
        long limit =
            task.executionTimeoutSeconds() != null
                ? task.executionTimeoutSeconds()
                : Options.DEFAULT_TRY_LIMIT.toSeconds();
        return Failures.executionTimeout(limit);
      }
    }
    return e instanceof IllegalArgumentException ? e.getMessage() : Failures.reason(e);
  }
}
