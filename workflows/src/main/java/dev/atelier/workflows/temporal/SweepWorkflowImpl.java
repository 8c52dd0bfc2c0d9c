package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.SweepRunRequest;
import dev.atelier.workflows.activities.TrackingActivities;
import dev.atelier.workflows.activities.TrialOutcome;
import dev.atelier.workflows.activities.TrialRequest;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the MLflow parent run, runs one child {@link TrialWorkflow} per map index with at most
 * {@code maxParallelTrials} in flight, and ends the parent run FINISHED when at least one trial
 * succeeded (the sweep produced something to compare), FAILED when none did, KILLED when cancelled.
 * When the task has a pool, each trial holds its slots while it runs, so a {@code gpu} pool caps
 * GPU trials across every sweep of every run.
 */
public class SweepWorkflowImpl implements SweepWorkflow {
  private final TrackingActivities tracking =
      Workflow.newActivityStub(TrackingActivities.class, Options.bookkeeping());
  private final Map<Integer, Promise<TrialOutcome>> active = new LinkedHashMap<>();
  private final PoolSlots pools = new PoolSlots();

  @Override
  public void poolSlotGranted(String requestId) {
    pools.onGranted(requestId);
  }

  @Override
  public void report(TrialReport report) {
    // A fixed sweep (an expand) has nothing to decide; the searching sweep listens.
  }

  @Override
  public int setMaxParallelTrials(int maxParallelTrials) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public void validateMaxParallelTrials(int maxParallelTrials) {}

  @Override
  public int addTrials(int count) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public void validateAddTrials(int count) {}

  @Override
  public void stopSweep(String who) {}

  @Override
  public SweepState state() {
    return null;
  }

  @Override
  public List<TrialOutcome> run(SweepInput input) {
    Bookkeeping log = Bookkeeping.forThisExecution();
    int n = input.trials().size();
    for (int i = 0; i < n; i++) {
      instances(log, input, i).scheduled();
    }
    log.flush();
    String parentRunId =
        tracking.startSweepRun(
            new SweepRunRequest(
                input.dagId(), input.runId(), input.taskId(), n, input.sweepParams()));
    TrialOutcome[] outcomes = new TrialOutcome[n];
    try {
      int limit = Math.max(1, input.maxParallelTrials());
      for (int i = 0; i < n; i++) {
        while (active.size() >= limit) {
          collectOne(outcomes);
        }
        active.put(i, startTrial(input, parentRunId, i));
      }
      while (!active.isEmpty()) {
        collectOne(outcomes);
      }
    } catch (CanceledFailure e) {
      Workflow.newDetachedCancellationScope(
              () -> {
                active.values().forEach(SweepWorkflowImpl::awaitQuietly);
                tracking.finishRun(parentRunId, "KILLED");
              })
          .run();
      throw e;
    }
    boolean anySucceeded = Arrays.stream(outcomes).anyMatch(TrialOutcome::succeeded);
    tracking.finishRun(parentRunId, anySucceeded ? "FINISHED" : "FAILED");
    return List.of(outcomes);
  }

  private Promise<TrialOutcome> startTrial(SweepInput input, String parentRunId, int i) {
    TrialWorkflow child =
        Workflow.newChildWorkflowStub(
            TrialWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(Workflow.getInfo().getWorkflowId() + ":" + i)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
                .build());
    TrialRequest request =
        new TrialRequest(
            input.dagId(),
            input.runId(),
            input.taskId(),
            i,
            input.experimentName(),
            parentRunId,
            input.trials().get(i),
            input.dataset(),
            input.probeSeed(),
            input.gpus(),
            input.kubernetesOrEmpty());
    TrialInput trial =
        new TrialInput(
            request,
            input.maxInterruptedRetries(),
            TryPolicy.orNone(input.tries()),
            input.logicalDate());
    if (input.pool() == null) {
      return Async.function(child::run, trial);
    }
    String who = input.dagId() + "/" + input.runId() + "/" + input.taskId() + "[" + i + "]";
    return Async.function(
        () -> {
          PoolSlots.Lease lease =
              pools.acquire(input.pool(), input.poolSlots(), input.priorityWeight(), who);
          try {
            return child.run(trial);
          } finally {
            Workflow.newDetachedCancellationScope(() -> pools.release(lease)).run();
          }
        });
  }

  /** Waits until one trial ends and stores its outcome; a trial workflow that broke is FAILED. */
  private void collectOne(TrialOutcome[] outcomes) {
    Workflow.await(() -> active.values().stream().anyMatch(Promise::isCompleted));
    for (Integer i : new ArrayList<>(active.keySet())) {
      Promise<TrialOutcome> p = active.get(i);
      if (!p.isCompleted()) {
        continue;
      }
      active.remove(i);
      RuntimeException failure = p.getFailure();
      if (failure != null && Failures.cancellation(failure)) {
        throw new CanceledFailure("sweep cancelled");
      }
      outcomes[i] =
          failure == null
              ? p.get()
              : new TrialOutcome(i, null, "FAILED", -1, Failures.reason(failure), Map.of(), 0);
    }
  }

  private static void awaitQuietly(Promise<?> p) {
    try {
      p.get();
    } catch (RuntimeException ignored) {
      // The trial recorded its own end; here we only wait for its clean-up to finish.
    }
  }

  private static TaskInstances instances(Bookkeeping p, SweepInput input, int i) {
    return new TaskInstances(
        p, input.dagId(), input.runId(), input.taskId(), i, TrialWorkflowImpl.OPERATOR);
  }
}
