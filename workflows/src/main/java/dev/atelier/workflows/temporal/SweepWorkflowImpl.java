package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.SweepRunRequest;
import dev.atelier.workflows.activities.TrackingActivities;
import dev.atelier.workflows.activities.TrialOutcome;
import dev.atelier.workflows.activities.TrialRequest;
import dev.atelier.workflows.dsl.Limits;
import dev.atelier.workflows.search.TrialState;
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
import java.util.function.Consumer;

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

  /**
   * Version 1: the parent run is tagged with the sweep's final max_trials and max_parallel_trials
   * (with the best trial, in the same call); sweeps that ended before it replay without them.
   */
  static final String FINAL_LIMITS = "final-limits";

  /**
   * Version 1: a searching sweep continues as new when its history gets long; its trials are
   * abandoned, not cancelled, when a run closes (so they outlive the continue-as-new) and signal
   * their end ({@link #trialEnded}). Sweeps started before it replay as they ran.
   */
  static final String CONTINUE_AS_NEW = "continue-as-new";

  /**
   * Reports one run of a searching sweep hears before it continues as new. A report costs about 7
   * events (README, sweeps: history), so a run stays near 7,000 events, under Temporal's warning at
   * 10,240 and far from its limit of 51,200; Temporal's own suggestion (by size) may come first.
   */
  static final int DEFAULT_REPORTS_PER_RUN = 1000;

  /** Trials at once in a fixed sweep; {@link #setMaxParallelTrials} changes it. */
  private int limit;

  /** A change of max_parallel_trials that came before the sweep began, applied when it does. */
  private Integer parallelAsked;

  /** Trials added before the sweep began (an update can be handled before the run method). */
  private int trialsAsked;

  private boolean fixed;

  /** Whether the run method has begun (a fixed sweep takes no added trials). */
  private boolean started;

  /** The searching sweep's loop; null for a fixed sweep. */
  private SearchingSweep search;

  /**
   * Reports and trial ends that came before the run method built the loop (a continued run's first
   * workflow task may carry them): handed to it as soon as it exists.
   */
  private final List<TrialReport> earlyReports = new ArrayList<>();

  private final List<TrialOutcome> earlyEnds = new ArrayList<>();

  @Override
  public void poolSlotGranted(String requestId) {
    pools.onGranted(requestId);
  }

  @Override
  public void report(TrialReport report) {
    // A fixed sweep (an expand) decides nothing from evaluations; a searching one listens.
    if (search != null) {
      search.report(report);
    } else if (!started) {
      earlyReports.add(report);
    }
  }

  @Override
  public void trialEnded(TrialOutcome outcome) {
    if (search != null) {
      search.ended(outcome);
    } else if (!started) {
      earlyEnds.add(outcome);
    }
  }

  @Override
  public int setMaxParallelTrials(int maxParallelTrials) {
    limit = maxParallelTrials;
    parallelAsked = maxParallelTrials;
    return search != null ? search.setMaxParallelTrials(maxParallelTrials) : maxParallelTrials;
  }

  @Override
  public void validateMaxParallelTrials(int maxParallelTrials) {
    // The same maximum a trigger's max_parallel_trials is held to (validators do not replay).
    if (maxParallelTrials < 1 || maxParallelTrials > Limits.MAX_PARALLEL_TRIALS) {
      throw new IllegalArgumentException(
          "max_parallel_trials: "
              + maxParallelTrials
              + " must be between 1 and "
              + Limits.MAX_PARALLEL_TRIALS
              + ", the most trials of one sweep at once");
    }
  }

  @Override
  public int addTrials(int count) {
    // An update can arrive before run() has built the search: wait for it, so the answer is the
    // new budget (not just the count), as it is for one that arrives later.
    Workflow.await(() -> search != null || fixed);
    if (search == null) {
      throw new IllegalStateException(
          "count: this sweep runs a fixed list of trials (an expand); only a searching sweep"
              + " takes more trials");
    }
    return search.addTrials(count);
  }

  @Override
  public void validateAddTrials(int count) {
    if (started && search == null) {
      throw new IllegalStateException(
          "count: this sweep runs a fixed list of trials (an expand); only a searching sweep"
              + " takes more trials");
    }
    if (count < 1) {
      throw new IllegalArgumentException("count: " + count + " must be at least 1");
    }
    // Before the loop exists only the trials already asked for are known; the budget they join
    // is checked by the API, which reads it from the running sweep.
    long budget = (search != null ? search.maxTrials() : trialsAsked) + (long) count;
    if (budget > Limits.MAX_TRIALS_PER_SWEEP) {
      throw new IllegalArgumentException(
          "count: "
              + count
              + " would raise the sweep's max_trials to "
              + budget
              + ", more than the maximum of "
              + Limits.MAX_TRIALS_PER_SWEEP
              + " trials per sweep");
    }
    if (search != null && search.stopping()) {
      throw new IllegalStateException("count: the sweep is stopping; it takes no more trials");
    }
  }

  @Override
  public void stopSweep(String who) {
    if (search != null) {
      search.stopSweep(who);
    }
  }

  @Override
  public SweepState state() {
    return search == null ? null : search.state();
  }

  @Override
  public List<TrialOutcome> run(SweepInput input) {
    started = true;
    if (input.search() != null) {
      return runSearch(input);
    }
    fixed = true;
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
      limit = Math.max(1, input.maxParallelTrials());
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
    TrialWorkflow child = newTrial(i);
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
    return runTrial(input, child, request);
  }

  private static TrialWorkflow newTrial(int i) {
    return newTrial(i, ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL);
  }

  /**
   * A trial's child stub. ABANDON for a sweep that continues as new: closing a run must not cancel
   * its running trials (the next run carries on with them); cancelling the sweep still cancels
   * them, through the cancellation scope or, for trials an earlier run started, by id.
   */
  private static TrialWorkflow newTrial(int i, ParentClosePolicy onClose) {
    return Workflow.newChildWorkflowStub(
        TrialWorkflow.class,
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(SearchingSweep.trialWorkflowId(i))
            .setParentClosePolicy(onClose)
            .build());
  }

  /** Runs the trial as a child workflow, holding the task's pool slots while it runs. */
  private Promise<TrialOutcome> runTrial(
      SweepInput input, TrialWorkflow child, TrialRequest request) {
    return runTrial(input, child, request, lease -> {});
  }

  /** As above; {@code held} hears of the slots once granted (a continued run gives them back). */
  private Promise<TrialOutcome> runTrial(
      SweepInput input, TrialWorkflow child, TrialRequest request, Consumer<PoolSlots.Lease> held) {
    int i = request.mapIndex();
    TrialInput trial =
        new TrialInput(
            request,
            input.maxInterruptedRetries(),
            TryPolicy.orNone(input.tries()),
            input.logicalDate(),
            input.trialPool());
    if (input.pool() == null) {
      return Async.function(child::run, trial);
    }
    String who = input.dagId() + "/" + input.runId() + "/" + input.taskId() + "[" + i + "]";
    return Async.function(
        () -> {
          PoolSlots.Lease lease =
              pools.acquire(input.pool(), input.poolSlots(), input.priorityWeight(), who);
          held.accept(lease);
          // Not a finally: when a run continues as new, Temporal ends this thread with an Error
          // while the trial runs on, and a release then would free slots the trial still uses
          // (the next run gives them back when it hears the trial end).
          TrialOutcome outcome;
          try {
            outcome = child.run(trial);
          } catch (RuntimeException e) {
            Workflow.newDetachedCancellationScope(() -> pools.release(lease)).run();
            throw e;
          }
          Workflow.newDetachedCancellationScope(() -> pools.release(lease)).run();
          return outcome;
        });
  }

  /**
   * A searching sweep: the parent run records the search; trials start as the {@link
   * SearchingSweep} decides, each scheduled as its task instance when it starts (the mapping grows
   * with the sweep); at the end the parent run is tagged with the best trial. When one run's
   * history gets long it continues as new, carrying the search ({@link SweepCarry}); the next run
   * takes the parent run and the trials over and starts nothing twice.
   */
  private List<TrialOutcome> runSearch(SweepInput input) {
    Bookkeeping log = Bookkeeping.forThisExecution();
    boolean continues =
        Workflow.getVersion(CONTINUE_AS_NEW, Workflow.DEFAULT_VERSION, 1)
            != Workflow.DEFAULT_VERSION;
    int reportsPerRun =
        !continues
            ? -1
            : input.reportsPerRun() == null ? DEFAULT_REPORTS_PER_RUN : input.reportsPerRun();
    ParentClosePolicy onClose =
        continues
            ? ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON
            : ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL;
    SweepCarry carry = input.carried();
    long trialSteps = input.baseHyperparams().get("steps") instanceof Number n ? n.longValue() : 0;
    String parentRunId;
    String sweepId = Workflow.getInfo().getWorkflowId();
    if (carry == null) {
      search =
          new SearchingSweep(
              input.search(),
              parallelAsked != null ? parallelAsked : input.maxParallelTrials(),
              trialSteps,
              reportsPerRun,
              null);
      if (trialsAsked > 0) {
        search.addTrials(trialsAsked);
      }
      parentRunId =
          tracking.startSweepRun(
              new SweepRunRequest(
                  input.dagId(),
                  input.runId(),
                  input.taskId(),
                  input.search().budget().maxTrials(),
                  input.sweepParams()));
      tracking.tagRun(parentRunId, Map.of(AtelierRunTags.SWEEP_WORKFLOW_ID, sweepId));
    } else {
      // A continued run: the parent run and the trials exist; requests that reached this run
      // before its loop did are applied as the old run would have applied them.
      search =
          new SearchingSweep(
              input.search(), carry.maxParallelTrials(), trialSteps, reportsPerRun, carry);
      pools.generation(carry.run());
      parentRunId = carry.parentRunId();
      if (parallelAsked != null) {
        search.setMaxParallelTrials(parallelAsked);
      }
      if (trialsAsked > 0) {
        search.addTrials(trialsAsked);
      }
    }
    earlyReports.forEach(search::report);
    earlyEnds.forEach(search::ended);
    earlyReports.clear();
    earlyEnds.clear();
    boolean ended;
    try {
      ended =
          search.run(
              new SearchingSweep.Starter() {
                @Override
                public void start(SweepMember member, Map<String, Object> initFrom) {
                  instances(log, input, member.id).scheduled();
                  log.flush();
                  Map<String, Object> hyperparams = new LinkedHashMap<>(input.baseHyperparams());
                  hyperparams.putAll(member.params);
                  if (input.search().pbt() != null) {
                    // A donor must have a checkpoint at every interval for others to take.
                    hyperparams.putIfAbsent(
                        "checkpoint_every", input.search().pbt().intervalSteps());
                  }
                  TrialRequest request =
                      new TrialRequest(
                          input.dagId(),
                          input.runId(),
                          input.taskId(),
                          member.id,
                          input.experimentName(),
                          parentRunId,
                          hyperparams,
                          input.dataset(),
                          input.probeSeed(),
                          input.gpus(),
                          input.kubernetesOrEmpty(),
                          sweepId,
                          initFrom);
                  member.stub = newTrial(member.id, onClose);
                  member.promise =
                      runTrial(input, member.stub, request, lease -> member.lease = lease);
                }

                @Override
                public void ended(SweepMember member) {
                  pools.release(member.lease);
                }
              });
    } catch (CanceledFailure e) {
      Workflow.newDetachedCancellationScope(
              () -> {
                search.runningEarlier().forEach(SweepWorkflowImpl::cancelQuietly);
                search.running().forEach(SweepWorkflowImpl::awaitQuietly);
                tracking.finishRun(parentRunId, "KILLED");
              })
          .run();
      throw e;
    }
    if (!ended) {
      // Every handler has run (they only take note), so nothing heard is left behind.
      Workflow.await(Workflow::isEveryHandlerFinished);
      Workflow.continueAsNew(input.continuing(search.carry(parentRunId)));
    }
    List<SweepMember> members = search.members();
    SweepMember best = search.best();
    Map<String, String> tags = new LinkedHashMap<>();
    if (best != null) {
      tags.put(AtelierRunTags.BEST_TRIAL, Integer.toString(best.id));
      tags.put(
          AtelierRunTags.BEST_VALUE, String.valueOf(best.objective(input.search().objective())));
      if (best.outcome.mlflowRunId() != null) {
        tags.put(AtelierRunTags.BEST_RUN_ID, best.outcome.mlflowRunId());
      }
    }
    // The limits as they ended: a lead may have changed them; search.budget keeps the declared.
    if (Workflow.getVersion(FINAL_LIMITS, Workflow.DEFAULT_VERSION, 1)
        != Workflow.DEFAULT_VERSION) {
      SweepState end = search.state();
      tags.put(AtelierRunTags.MAX_TRIALS, Integer.toString(end.maxTrials()));
      tags.put(AtelierRunTags.MAX_PARALLEL_TRIALS, Integer.toString(end.maxParallelTrials()));
    }
    if (!tags.isEmpty()) {
      tracking.tagRun(parentRunId, tags);
    }
    boolean anyUsable = members.stream().anyMatch(m -> m.state != TrialState.FAILED);
    tracking.finishRun(parentRunId, anyUsable ? "FINISHED" : "FAILED");
    List<TrialOutcome> outcomes = new ArrayList<>();
    members.forEach(m -> outcomes.add(m.outcome));
    return outcomes;
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

  /** Cancels a trial an earlier run started (no promise here to cancel it through). */
  private static void cancelQuietly(int mapIndex) {
    try {
      Workflow.newUntypedExternalWorkflowStub(SearchingSweep.trialWorkflowId(mapIndex)).cancel();
    } catch (RuntimeException gone) {
      // It ended meanwhile: nothing to cancel.
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
