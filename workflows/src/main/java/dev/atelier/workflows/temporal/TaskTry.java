package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.AliasEvent;
import dev.atelier.workflows.activities.TaskCall;
import dev.atelier.workflows.activities.TaskFunctionActivities;
import dev.atelier.workflows.activities.TaskResult;
import dev.atelier.workflows.dsl.KubernetesJobOperator;
import dev.atelier.workflows.dsl.TaskKind;
import dev.atelier.workflows.dsl.TaskSpec;
import dev.atelier.workflows.dsl.TaskState;
import io.temporal.workflow.ActivityStub;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Map;

/**
 * One Airflow try of a task instance, as one activity call by type name through an untyped stub: an
 * operator's own activity, or {@code RunTaskFunction} for task functions, branches and
 * short-circuits (whose results then say what to follow). Throws when the try fails.
 */
final class TaskTry {
  /** Tries that run a job outside the worker: a Kubernetes Job's, a champion's evaluation. */
  static final java.util.Set<String> HEARTBEATING =
      java.util.Set.of(
          KubernetesJobOperator.ACTIVITY_TYPE,
          dev.atelier.workflows.dsl.EvaluateChampionOperator.ACTIVITY_TYPE);

  private TaskTry() {}

  static InstanceResult run(RunContext ctx, TaskSpec task, Invocation inv, int attempt) {
    ActivityStub stub =
        Workflow.newUntypedActivityStub(
            task.activityType() != null && HEARTBEATING.contains(task.activityType())
                ? Options.heartbeatingTaskTry(task.executionTimeoutSeconds())
                : Options.taskTry(task.executionTimeoutSeconds()));
    TaskCall call =
        new TaskCall(
            ctx.dagId(),
            ctx.runId(),
            task.taskId(),
            inv.mapIndex(),
            attempt,
            inv.args(),
            ctx.params(),
            inv.upstream(),
            ctx.run(),
            inv.xcoms(),
            task.callable(),
            task.outlets(),
            task.outletAliases());
    if (task.kind() == TaskKind.ACTIVITY) {
      Object value = stub.execute(task.activityType(), Object.class, call);
      return success(inv, attempt, value, Map.of(), null, null);
    }
    TaskResult r = stub.execute(TaskFunctionActivities.RUN_TASK_FUNCTION, TaskResult.class, call);
    Map<String, Object> pushed = r.pushed() == null ? Map.of() : r.pushed();
    if (r.skipped()) {
      return new InstanceResult(
          inv.mapIndex(),
          TaskState.SKIPPED,
          attempt,
          null,
          pushed,
          r.skipReason(),
          null,
          false,
          null);
    }
    InstanceResult ok =
        success(inv, attempt, r.returnValue(), pushed, r.outletExtras(), r.aliasEvents());
    if (task.kind() == TaskKind.BRANCH) {
      return ok.following(
          BranchChoice.ids(task.taskId(), r.returnValue(), ctx.branchTargets()), false);
    }
    if (task.kind() == TaskKind.SHORT_CIRCUIT && !Truthiness.truthy(r.returnValue())) {
      return ok.following(List.of(), task.ignoreDownstreamTriggerRules());
    }
    return ok;
  }

  private static InstanceResult success(
      Invocation inv,
      int attempt,
      Object value,
      Map<String, Object> pushed,
      Map<String, Map<String, Object>> outletExtras,
      List<AliasEvent> aliasEvents) {
    return new InstanceResult(
        inv.mapIndex(),
        TaskState.SUCCESS,
        attempt,
        value,
        pushed,
        null,
        null,
        false,
        outletExtras,
        aliasEvents);
  }
}
