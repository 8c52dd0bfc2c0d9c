package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.PersistenceActivities;
import dev.atelier.workflows.dsl.TaskKind;
import dev.atelier.workflows.dsl.TaskSpec;
import dev.atelier.workflows.dsl.TaskState;
import dev.atelier.workflows.dsl.TriggerDecision;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Interprets a serialized Dag as Airflow's scheduler would: every task whose trigger rule says run
 * starts at once (in parallel, each in its own {@code Async} branch), tasks the rules settle are
 * marked skipped or upstream_failed, and each finished task wakes the loop to decide again. The
 * run's state follows {@link RunBook#runState()}.
 */
public class DagRunWorkflowImpl implements DagRunWorkflow {
  private final PersistenceActivities persistence = TaskInstances.persistenceStub();
  private final Map<String, Promise<TaskOutcome>> running = new LinkedHashMap<>();

  @Override
  public DagRunResult run(DagRunInput input) {
    RunContext ctx = new RunContext(input, persistence);
    RunBook book = new RunBook(input.dag());
    recordRun(input, "running");
    try {
      schedule(ctx, book);
      while (!running.isEmpty()) {
        Workflow.await(() -> running.values().stream().anyMatch(Promise::isCompleted));
        for (String taskId : new ArrayList<>(running.keySet())) {
          Promise<TaskOutcome> p = running.get(taskId);
          if (p.isCompleted()) {
            running.remove(taskId);
            book.finish(taskId, p.get());
          }
        }
        schedule(ctx, book);
      }
    } catch (RuntimeException e) {
      if (Failures.cancellation(e)) {
        Workflow.newDetachedCancellationScope(
                () -> {
                  running.values().forEach(DagRunWorkflowImpl::awaitQuietly);
                  recordRun(input, "failed");
                })
            .run();
      }
      throw e;
    }
    for (TaskSpec stuck : book.undecided()) {
      String note = "trigger rule " + stuck.triggerRule() + " can no longer be met";
      ctx.instance(stuck, -1).ended(TaskState.UPSTREAM_FAILED, 0, null, null, note);
    }
    String state = book.runState();
    recordRun(input, state);
    return new DagRunResult(state, book.taskStates());
  }

  /** Starts or settles every task the trigger rules decide, until nothing more changes. */
  private void schedule(RunContext ctx, RunBook book) {
    boolean settledAny = true;
    while (settledAny) {
      settledAny = false;
      for (Map.Entry<TaskSpec, TriggerDecision> d : book.decisions().entrySet()) {
        TaskSpec task = d.getKey();
        if (d.getValue() != TriggerDecision.RUN) {
          TaskState state = d.getValue().settledState();
          ctx.instance(task, -1).ended(state, 0, null, null, null);
          book.finish(task.taskId(), TaskOutcome.single(state, null, null));
          settledAny = true;
        } else if (task.kind() == TaskKind.EMPTY) {
          ctx.instance(task, -1).ended(TaskState.SUCCESS, 0, null, null, null);
          book.finish(task.taskId(), TaskOutcome.single(TaskState.SUCCESS, null, null));
          settledAny = true;
        } else {
          Map<String, Object> upstream = book.upstreamXComs(task);
          book.markStarted(task.taskId());
          running.put(task.taskId(), Async.function(() -> runTask(ctx, task, upstream)));
        }
      }
    }
  }

  private static TaskOutcome runTask(RunContext ctx, TaskSpec task, Map<String, Object> upstream) {
    return task.kind() == TaskKind.TRAIN
        ? TrainTaskRunner.run(ctx, task, upstream)
        : OperatorTaskRunner.run(ctx, task, upstream);
  }

  private void recordRun(DagRunInput input, String state) {
    persistence.recordDagRunState(
        input.dagId(), input.runId(), state, Workflow.currentTimeMillis());
  }

  private static void awaitQuietly(Promise<?> p) {
    try {
      p.get();
    } catch (RuntimeException ignored) {
      // Each task records its own end; this only waits for their clean-up to finish.
    }
  }
}
