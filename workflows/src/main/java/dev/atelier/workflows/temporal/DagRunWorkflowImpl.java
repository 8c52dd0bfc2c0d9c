package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.ReviewAnswer;
import dev.atelier.workflows.activities.XComEntry;
import dev.atelier.workflows.dsl.DagSpec;
import dev.atelier.workflows.dsl.TaskSpec;
import dev.atelier.workflows.dsl.TaskState;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Interprets a serialized Dag as Airflow's scheduler would: every task whose trigger rule says run
 * is turned into units (instances, chunks of a large mapping, a sweep) that start at once within
 * the run's limits, highest priority first; tasks the rules settle are marked skipped or
 * upstream_failed; each finished unit wakes the loop to decide again. A run whose history grows
 * past the engine's limit stops starting tasks, lets the running ones finish, and continues as new
 * with what it has so far. The run's state follows {@link RunBook#runState()}.
 */
public class DagRunWorkflowImpl implements DagRunWorkflow {
  private final PoolSlots pools = new PoolSlots();
  private final ReviewInbox reviews = new ReviewInbox();
  private final Map<String, TaskProgress> progress = new HashMap<>();
  private Bookkeeping log;
  private XComStore xcoms;
  private RunBook book;
  private RunContext ctx;
  private Dispatcher dispatcher;
  private TaskStarter starter;

  @Override
  public void poolSlotGranted(String requestId) {
    pools.onGranted(requestId);
  }

  @Override
  public void reviewAnswered(ReviewAnswer answer) {
    reviews.deliver(answer);
  }

  @Override
  public List<XComEntry> xcomEntries() {
    return xcoms == null ? List.of() : xcoms.all();
  }

  @Override
  public DagRunResult run(DagRunInput input) {
    log = Bookkeeping.forThisExecution();
    DagSpec dag = input.dag();
    RunSnapshot resume = input.resume();
    pools.generation(resume == null ? 0 : resume.continuations());
    EngineLimits limits = EngineLimits.orDefault(input.limits());
    Set<String> mapped = new LinkedHashSet<>();
    dag.tasks().stream().filter(TaskSpec::mapped).forEach(t -> mapped.add(t.taskId()));
    xcoms = new XComStore(mapped, resume == null ? null : resume.xcoms());
    book = new RunBook(dag, resume == null ? null : resume.finished());
    ctx =
        new RunContext(
            input.dagId(),
            input.runId(),
            input.runInfo(),
            input.params(),
            branchTargets(dag),
            log,
            pools,
            reviews,
            input.trialPool());
    dispatcher = new Dispatcher(dag.maxActiveTasks());
    starter = new TaskStarter(ctx, xcoms, dispatcher, limits, dag.maxActiveTasks());
    if (resume == null) {
      recordRun(input, "running");
    }
    try {
      boolean draining = false;
      while (true) {
        if (!draining) {
          scheduleDecided();
        }
        log.flush(); // what was decided is recorded before any of it starts
        dispatcher.dispatch();
        if (dispatcher.idle()) {
          if (draining && !book.undecided().isEmpty()) {
            continueAsNew(input, resume);
          }
          break;
        }
        dispatcher.awaitAny();
        for (Dispatcher.Done done : dispatcher.collect()) {
          unitDone(done);
        }
        draining |= historyTooLong(limits);
      }
    } catch (RuntimeException e) {
      if (Failures.cancellation(e)) {
        Workflow.newDetachedCancellationScope(
                () -> {
                  dispatcher.runningPromises().forEach(DagRunWorkflowImpl::awaitQuietly);
                  log.flush();
                  recordRun(input, "failed");
                })
            .run();
      }
      throw e;
    }
    for (TaskSpec stuck : book.undecided()) {
      String note = "trigger rule " + stuck.triggerRule() + " can no longer be met";
      ctx.instance(stuck, -1).settled(TaskState.UPSTREAM_FAILED, note);
    }
    log.flush();
    String state = book.runState();
    recordRun(input, state);
    return new DagRunResult(state, book.taskStates());
  }

  /** Settles and starts every task the trigger rules decide, until nothing more changes. */
  private void scheduleDecided() {
    boolean changed = true;
    while (changed) {
      changed = false;
      List<RunBook.Settled> settled = new ArrayList<>();
      List<TaskSpec> toRun = book.decide(settled);
      recordSettled(settled);
      for (TaskSpec task : toRun) {
        TaskStarter.Started started = starter.start(task);
        TaskProgress p = new TaskProgress(task.mapped(), Math.max(1, started.units()));
        progress.put(task.taskId(), p);
        if (started.results() != null) {
          p.add(started.results());
          finish(task, p);
          changed = true;
        }
      }
    }
  }

  private void unitDone(Dispatcher.Done done) {
    TaskSpec task = done.unit().task();
    List<InstanceResult> results = done.results();
    if (done.failure() != null) {
      String reason = Failures.reason(done.failure());
      results = new ArrayList<>();
      for (int i : done.unit().mapIndexes()) {
        ctx.instance(task, i).ended(TaskState.FAILED, 0, null, null, reason);
        results.add(InstanceResult.of(i, TaskState.FAILED, 0, reason));
      }
    }
    TaskProgress p = progress.get(task.taskId());
    if (p.add(results)) {
      finish(task, p);
    }
  }

  private void finish(TaskSpec task, TaskProgress p) {
    progress.remove(task.taskId());
    p.results().forEach(r -> xcoms.record(task.taskId(), r));
    List<RunBook.Settled> settled = new ArrayList<>();
    book.finish(task.taskId(), p.outcome(), p.directive(), settled);
    recordSettled(settled);
  }

  private void recordSettled(List<RunBook.Settled> settled) {
    for (RunBook.Settled s : settled) {
      ctx.instance(s.task(), -1).settled(s.state(), s.note());
    }
  }

  private static boolean historyTooLong(EngineLimits limits) {
    return Workflow.getInfo().getHistoryLength() > limits.historyEvents()
        || Workflow.getInfo().isContinueAsNewSuggested();
  }

  private void continueAsNew(DagRunInput input, RunSnapshot resume) {
    int continuations = resume == null ? 1 : resume.continuations() + 1;
    RunSnapshot snapshot = new RunSnapshot(book.finishedOutcomes(), xcoms.all(), continuations);
    Workflow.continueAsNew(input.resumingFrom(snapshot));
  }

  /** Task ids and task group ids (with every enclosing group): what a branch may name. */
  private static Set<String> branchTargets(DagSpec dag) {
    Set<String> ids = new LinkedHashSet<>();
    for (TaskSpec t : dag.tasks()) {
      ids.add(t.taskId());
      String group = t.taskGroup();
      while (group != null) {
        ids.add(group);
        int dot = group.lastIndexOf('.');
        group = dot < 0 ? null : group.substring(0, dot);
      }
    }
    return ids;
  }

  private void recordRun(DagRunInput input, String state) {
    log.recordDagRunState(input.dagId(), input.runId(), state, Workflow.currentTimeMillis());
  }

  private static void awaitQuietly(Promise<?> p) {
    try {
      p.get();
    } catch (RuntimeException ignored) {
      // Each task records its own end; this only waits for their clean-up to finish.
    }
  }
}
