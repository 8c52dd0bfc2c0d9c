package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.TaskInstanceTry;
import dev.atelier.workflows.activities.TrialActivities;
import dev.atelier.workflows.activities.TrialHandle;
import dev.atelier.workflows.activities.TrialOutcome;
import dev.atelier.workflows.activities.TrialRequest;
import dev.atelier.workflows.dsl.TaskState;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Launches the trial, waits for it, and launches it again, each launch one try of the task
 * instance: at once when it was interrupted (the trainer checkpointed and exited 75) or its job
 * vanished without an exit code (GONE: a deleted pod, a lost node), up to the input's {@code
 * maxInterruptedRetries} between them — the relaunch resumes the same MLflow run from its last
 * checkpoint; after Airflow's retry delay when it failed in a way another try can mend (FAILED,
 * GONE past that budget, or past its execution_timeout), up to the task's {@code retries}. The two
 * budgets are separate. A bad spec or a diverged trial is not tried again: the same spec would end
 * the same way. When a try outlives the task's {@code execution_timeout}, a timer that races the
 * wait cancels it and the job is cancelled. When the workflow is cancelled, the job is stopped in a
 * detached scope so the cancellation itself cannot skip the clean-up; a launch under way is let
 * finish first, so a Job it creates is known and deleted too.
 *
 * <p>The task instance says {@code running} from each launch; while the try waits, {@code
 * awaitTrial} itself moves the row between {@code queued} (the Job waits for Kueue, the note says
 * why) and {@code running}, on the try the handle is stamped with. The workflow does not record
 * those changes: a KubernetesJobOperator try is one activity whose start-to-close timeout is its
 * execution_timeout, so only its activity sees them, and both paths write them the same way ({@code
 * activities}' {@code TryPhaseWriter}). That write is a compare-and-set on the row — same try,
 * still queued or running — so whatever the workflow writes after the wait (up_for_retry, success,
 * failed, cancelled) wins, even over a wait it stopped listening to that polls once more. It also
 * adds no command to this workflow: histories replay unchanged.
 */
public class TrialWorkflowImpl implements TrialWorkflow {
  static final String OPERATOR = "TrainOperator";

  /** The statuses another try may mend (trainers/README.md: exit code 1; the job vanished). */
  static final Set<String> RETRYABLE = Set.of("FAILED", "GONE");

  /** The trainer's status for a trial its sweep stopped early (exit 4). */
  static final String PRUNED = "PRUNED";

  /**
   * Version 1: a GONE trial is relaunched at once on the interruption budget, like an INTERRUPTED
   * one, before the task's retries; runs that saw GONE before it replay the old way (retries only).
   */
  static final String GONE_RELAUNCH = "gone-relaunch";

  /**
   * Version 1: a searching sweep's trial signals its outcome to the sweep before it completes
   * ({@code SweepWorkflow.trialEnded}): a sweep that continued as new since the trial started does
   * not await it as a child. Trials that ended before it replay without the signal.
   */
  static final String ENDED_SIGNAL = "ended-signal";

  /**
   * Version 1: a trial its sweep stops while it waits for a trial slot withdraws its request and
   * ends {@code PRUNED} without launching; before it, it launched once and was stopped then.
   */
  static final String STOP_WHILE_QUEUED = "stop-while-queued";

  private final TrialActivities launcher =
      Workflow.newActivityStub(TrialActivities.class, Options.launchTrial());
  private final TrialActivities waiter =
      Workflow.newActivityStub(TrialActivities.class, Options.awaitTrial());
  private final TrialActivities canceller =
      Workflow.newActivityStub(TrialActivities.class, Options.cancelTrial());

  private TrialHandle handle;
  private int tryNumber;
  private String stopReason;
  private String stopDetail;
  private boolean stopSent;
  private Promise<TrialOutcome> awaited;
  private Promise<Void> deadline;
  private final PoolSlots pools = new PoolSlots();

  /** The trial-pool slot the current try holds ({@link TrialSlots}); NONE between tries. */
  private PoolSlots.Lease slot = PoolSlots.Lease.NONE;

  /** How one try ended, and whether another try could end otherwise. */
  private record Ended(TrialOutcome outcome, boolean retryable) {}

  @Override
  public void poolSlotGranted(String requestId) {
    pools.onGranted(requestId);
  }

  @Override
  public void stop(String reason, String detail) {
    stopReason = reason;
    stopDetail = detail;
    sendStop();
  }

  /** Asks the job to stop once there is a job to ask; the request outlives a relaunch (a tag). */
  private void sendStop() {
    if (stopReason == null || stopSent || handle == null) {
      return;
    }
    stopSent = true;
    Async.procedure(canceller::stopTrial, handle, stopReason, stopDetail);
  }

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
    if (input.trialPool() != null) {
      pools.execution(Workflow.randomUUID().toString().substring(0, 8));
    }
    TrialOutcome outcome;
    try {
      outcome = tries(input, ti);
    } catch (RuntimeException e) {
      if (!Failures.cancellation(e)) {
        throw e;
      }
      Workflow.newDetachedCancellationScope(() -> cleanUp(ti)).run();
      throw e instanceof CanceledFailure c ? c : new CanceledFailure("trial cancelled");
    }
    boolean ok = outcome.succeeded();
    // A pruned trial did what its sweep asked: not a failure, and its checkpoint stands.
    boolean pruned = PRUNED.equals(outcome.status());
    ti.ended(
        ok || pruned ? TaskState.SUCCESS : TaskState.FAILED,
        tryNumber,
        outcome,
        outcome.mlflowRunId(),
        ok
            ? null
            : pruned ? "pruned: " + outcome.reason() : outcome.status() + ": " + outcome.reason());
    tellSweep(request, outcome);
    return outcome;
  }

  /**
   * Tells a searching sweep how this trial ended, by its workflow id (whichever run of it is open),
   * and waits until the signal is stored, so the sweep hears it before the child completes.
   */
  private static void tellSweep(TrialRequest request, TrialOutcome outcome) {
    if (request.sweepWorkflowId() == null
        || Workflow.getVersion(ENDED_SIGNAL, Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
      return;
    }
    try {
      Workflow.newExternalWorkflowStub(SweepWorkflow.class, request.sweepWorkflowId())
          .trialEnded(outcome);
    } catch (RuntimeException e) {
      if (Failures.cancellation(e)) {
        throw e;
      }
      // The sweep has ended (stopped, cancelled): no one is left to tell.
    }
  }

  private TrialOutcome tries(TrialInput input, TaskInstances ti) {
    TrialRequest request = input.request();
    TryPolicy policy = input.policy();
    int interrupted = 0;
    int failed = 0;
    for (tryNumber = 1; ; tryNumber++) {
      Ended ended = oneTry(input, ti);
      TrialOutcome outcome = ended.outcome();
      String note = outcome.status() + ": " + outcome.reason();
      if (resumable(outcome) && interrupted < input.maxInterruptedRetries()) {
        interrupted++;
        ti.upForRetry(tryNumber, outcome.mlflowRunId(), note);
      } else if (ended.retryable() && failed < policy.retries()) {
        failed++;
        ti.upForRetry(tryNumber, outcome.mlflowRunId(), note);
        // The backoff grows with failed tries only: an interruption is not the trial's fault.
        Workflow.sleep(
            RetryDelay.after(
                policy, request.dagId(), request.taskId(), input.logicalDate(), failed));
      } else {
        return outcome;
      }
    }
  }

  /**
   * Stopped with its checkpoint (INTERRUPTED) or lost without an exit code (GONE): a relaunch
   * resumes the same MLflow run from the last checkpoint, so it costs no retry.
   */
  private static boolean resumable(TrialOutcome outcome) {
    return switch (outcome.status()) {
      case "INTERRUPTED" -> true;
      case "GONE" ->
          Workflow.getVersion(GONE_RELAUNCH, Workflow.DEFAULT_VERSION, 1)
              != Workflow.DEFAULT_VERSION;
      default -> false;
    };
  }

  /**
   * One try, holding one slot of the trial pool (when the run names one) from before the launch to
   * the end of the wait: {@code queued} with {@link TrialSlots#WAITING} while the slot is waited
   * for. A cancellation leaves the slot to {@link #cleanUp}, which runs in a detached scope.
   */
  private Ended oneTry(TrialInput input, TaskInstances ti) {
    if (input.trialPool() != null) {
      TrialRequest r = input.request();
      ti.queued(tryNumber, TrialSlots.WAITING);
      boolean mayAbandon =
          Workflow.getVersion(STOP_WHILE_QUEUED, Workflow.DEFAULT_VERSION, 1)
              != Workflow.DEFAULT_VERSION;
      PoolSlots.Lease lease =
          pools.acquire(
              input.trialPool(),
              1,
              0,
              r.dagId() + "/" + r.runId() + "/" + r.taskId() + "[" + r.mapIndex() + "]",
              () -> mayAbandon && stopReason != null && handle == null);
      if (lease == null) {
        return new Ended(stoppedBeforeLaunch(r), false);
      }
      slot = lease;
    }
    Ended ended = launchAndAwait(input, ti);
    releaseSlot();
    return ended;
  }

  /**
   * The outcome of a trial its sweep stopped before it ever ran: {@code PRUNED}, as a trial stopped
   * while training ends, with no MLflow run and no step.
   */
  private TrialOutcome stoppedBeforeLaunch(TrialRequest r) {
    return new TrialOutcome(
        r.mapIndex(),
        null,
        PRUNED,
        -1,
        "stopped while waiting for a trial slot, never launched: "
            + stopReason
            + (stopDetail == null ? "" : " (" + stopDetail + ")"),
        Map.of(),
        0);
  }

  private void releaseSlot() {
    PoolSlots.Lease held = slot;
    slot = PoolSlots.Lease.NONE;
    pools.release(held);
  }

  private Ended launchAndAwait(TrialInput input, TaskInstances ti) {
    TrialRequest request = input.request();
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
      sendStop();
      handle =
          handle.forTry(
              new TaskInstanceTry(
                  request.dagId(),
                  request.runId(),
                  request.taskId(),
                  request.mapIndex(),
                  tryNumber));
      Long limit = input.policy().executionTimeoutSeconds();
      TrialOutcome outcome =
          limit == null ? waiter.awaitTrial(handle) : awaitWithin(request, limit);
      return new Ended(outcome, RETRYABLE.contains(outcome.status()));
    } catch (RuntimeException e) {
      if (Failures.cancellation(e)) {
        throw e;
      }
      TrialOutcome failed =
          new TrialOutcome(
              request.mapIndex(),
              handle == null ? null : handle.mlflowRunId(),
              "FAILED",
              -1,
              Failures.reason(e),
              Map.of(),
              0);
      return new Ended(
          failed, !Failures.nonRetryable(e) && !Failures.ofType(e, Options.LAUNCH_REFUSALS));
    }
  }

  /**
   * Waits for the job, but no longer than {@code limitSeconds}: the wait and a timer race, each in
   * its own scope. When the timer wins, the wait is cancelled and the job with it ({@code
   * cancelTrial}, besides the wait's own clean-up), and the try fails naming execution_timeout.
   */
  private TrialOutcome awaitWithin(TrialRequest request, long limitSeconds) {
    CancellationScope waiting =
        Workflow.newCancellationScope(
            () -> {
              awaited = Async.function(waiter::awaitTrial, handle);
            });
    waiting.run();
    CancellationScope timing =
        Workflow.newCancellationScope(
            () -> {
              deadline = Workflow.newTimer(Duration.ofSeconds(limitSeconds));
            });
    timing.run();
    try {
      Promise.anyOf(awaited, deadline).get();
    } catch (RuntimeException e) {
      if (!awaited.isCompleted()) {
        throw e;
      }
    }
    if (awaited.isCompleted()) {
      timing.cancel();
      return awaited.get();
    }
    waiting.cancel();
    canceller.cancelTrial(handle);
    return new TrialOutcome(
        request.mapIndex(),
        handle.mlflowRunId(),
        "FAILED",
        -1,
        Failures.executionTimeout(limitSeconds),
        Map.of(),
        0);
  }

  private void cleanUp(TaskInstances ti) {
    if (handle != null) {
      canceller.cancelTrial(handle);
    }
    releaseSlot();
    ti.ended(
        TaskState.FAILED,
        Math.max(tryNumber, 1),
        null,
        handle == null ? null : handle.mlflowRunId(),
        "cancelled: the Dag run was stopped");
  }
}
