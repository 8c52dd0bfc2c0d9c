package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.TrialActivities;
import dev.atelier.workflows.activities.TrialHandle;
import dev.atelier.workflows.activities.TrialOutcome;
import dev.atelier.workflows.activities.TrialRequest;
import dev.atelier.workflows.dsl.TaskState;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * Launches the trial, waits for it, and relaunches it when it was interrupted (the trainer
 * checkpointed and exited 75), up to the input's limit. Each launch is one try of the task
 * instance. When the workflow is cancelled, the job is stopped in a detached scope so the
 * cancellation itself cannot skip the clean-up; a launch under way is let finish first, so a Job it
 * creates is known and deleted too.
 */
public class TrialWorkflowImpl implements TrialWorkflow {
  static final String OPERATOR = "TrainOperator";

  private final TrialActivities launcher =
      Workflow.newActivityStub(TrialActivities.class, Options.launchTrial());
  private final TrialActivities waiter =
      Workflow.newActivityStub(TrialActivities.class, Options.awaitTrial());
  private final TrialActivities canceller =
      Workflow.newActivityStub(TrialActivities.class, Options.cancelTrial());

  private TrialHandle handle;
  private int tryNumber;

  @Override
  public TrialOutcome run(TrialInput input) {
    TrialRequest request = input.request();
    TaskInstances ti =
        new TaskInstances(
            Bookkeeping.forThisExecution(),
            request.dagId(),
            request.runId(),
            request.taskId(),
            request.mapIndex(),
            OPERATOR);
    TrialOutcome outcome;
    try {
      outcome = launchAndAwait(input, ti);
    } catch (RuntimeException e) {
      if (!Failures.cancellation(e)) {
        throw e;
      }
      Workflow.newDetachedCancellationScope(() -> cleanUp(ti)).run();
      throw e instanceof CanceledFailure c ? c : new CanceledFailure("trial cancelled");
    }
    boolean ok = outcome.succeeded();
    ti.ended(
        ok ? TaskState.SUCCESS : TaskState.FAILED,
        tryNumber,
        outcome,
        outcome.mlflowRunId(),
        ok ? null : outcome.status() + ": " + outcome.reason());
    return outcome;
  }

  private TrialOutcome launchAndAwait(TrialInput input, TaskInstances ti) {
    TrialRequest request = input.request();
    TrialOutcome outcome = null;
    for (tryNumber = 1; tryNumber <= input.maxInterruptedRetries() + 1; tryNumber++) {
      ti.running(tryNumber, handle == null ? null : handle.mlflowRunId());
      try {
        // A launch cancelled half-way would leave a Job the workflow never heard of (its name
        // comes from the launch); so the launch finishes even when the run is being cancelled,
        // and then cleanUp deletes the Job by its handle.
        Workflow.newDetachedCancellationScope(() -> handle = launcher.launchTrial(request)).run();
        if (CancellationScope.current().isCancelRequested()) {
          // Straight to the clean-up: no new activity is scheduled in a cancelled scope.
          throw new CanceledFailure("the Dag run was stopped while its trial was being launched");
        }
        ti.running(tryNumber, handle.mlflowRunId());
        outcome = waiter.awaitTrial(handle);
      } catch (RuntimeException e) {
        if (Failures.cancellation(e)) {
          throw e;
        }
        return new TrialOutcome(
            request.mapIndex(),
            handle == null ? null : handle.mlflowRunId(),
            "FAILED",
            -1,
            Failures.reason(e),
            Map.of(),
            0);
      }
      if (!"INTERRUPTED".equals(outcome.status()) || tryNumber > input.maxInterruptedRetries()) {
        return outcome;
      }
      ti.upForRetry(tryNumber, outcome.mlflowRunId(), "INTERRUPTED: " + outcome.reason());
    }
    return outcome;
  }

  private void cleanUp(TaskInstances ti) {
    if (handle != null) {
      canceller.cancelTrial(handle);
    }
    ti.ended(
        TaskState.FAILED,
        Math.max(tryNumber, 1),
        null,
        handle == null ? null : handle.mlflowRunId(),
        "cancelled: the Dag run was stopped");
  }
}
