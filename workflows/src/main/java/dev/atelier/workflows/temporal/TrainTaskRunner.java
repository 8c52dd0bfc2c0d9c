package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.TrialOutcome;
import dev.atelier.workflows.dsl.Expansion;
import dev.atelier.workflows.dsl.ParamRef;
import dev.atelier.workflows.dsl.TaskSpec;
import dev.atelier.workflows.dsl.TaskState;
import dev.atelier.workflows.dsl.TrainOperator;
import dev.atelier.workflows.search.SearchSpec;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a TrainOperator task: resolves its arguments against the run's params, expands the mapped
 * ones into one hyperparameter map per map index, and runs the sweep as a child workflow. An empty
 * expansion skips the task, as Airflow skips a task mapped over nothing. The task's pool, retries
 * and execution_timeout apply to each trial: a {@code gpu} pool caps GPU trials across every run, a
 * failed trial is tried again on its own. The Kubernetes arguments go to every trial as they are.
 */
final class TrainTaskRunner {
  static final long DEFAULT_PROBE_SEED = 1234;
  static final int DEFAULT_MAX_INTERRUPTED_RETRIES = 2;

  private TrainTaskRunner() {}

  static List<InstanceResult> run(RunContext ctx, TaskSpec task, Map<String, Object> upstream) {
    TaskInstances unexpanded = ctx.instance(task, -1);
    SweepInput sweep;
    try {
      sweep = expand(ctx, task, upstream);
    } catch (IllegalArgumentException e) {
      unexpanded.ended(TaskState.FAILED, 0, null, null, e.getMessage());
      return List.of(InstanceResult.of(-1, TaskState.FAILED, 0, e.getMessage()));
    }
    if (sweep.trials().isEmpty() && sweep.search() == null) {
      String note = task.taskId() + ".expand() produced no trials";
      unexpanded.ended(TaskState.SKIPPED, 0, null, null, note);
      return List.of(InstanceResult.of(-1, TaskState.SKIPPED, 0, note));
    }
    SweepWorkflow child =
        Workflow.newChildWorkflowStub(
            SweepWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(Workflow.getInfo().getWorkflowId() + ":" + task.taskId())
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
                .build());
    List<TrialOutcome> outcomes;
    try {
      outcomes = child.run(sweep);
    } catch (RuntimeException e) {
      if (Failures.cancellation(e)) {
        throw e;
      }
      unexpanded.ended(TaskState.FAILED, 1, null, null, Failures.reason(e));
      return List.of(InstanceResult.of(-1, TaskState.FAILED, 1, Failures.reason(e)));
    }
    List<InstanceResult> results = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      TrialOutcome o = outcomes.get(i);
      // A pruned trial did what its sweep asked: a success, with no outlet event of its own.
      boolean pruned = TrialWorkflowImpl.PRUNED.equals(o.status());
      TaskState state = o.succeeded() || pruned ? TaskState.SUCCESS : TaskState.FAILED;
      if (o.succeeded()) {
        Outlets.emit(ctx, task, i, null, null);
      }
      // A failed trial's outcome is still its XCom: pick_best reads every trial's.
      results.add(new InstanceResult(i, state, 0, o, Map.of(), null, null, false, null));
    }
    return results;
  }

  @SuppressWarnings("unchecked")
  static SweepInput expand(RunContext in, TaskSpec task, Map<String, Object> upstream) {
    Map<String, Object> shared = (Map<String, Object>) ParamRef.resolve(task.args(), in.params());
    SearchSpec search = task.search();
    List<Map<String, Object>> combos =
        search != null
            ? List.of()
            : Expansion.product(Expansion.resolve(task.taskId(), task.expand(), in.params()));
    Map<String, Object> perTrial = new LinkedHashMap<>();
    Map<String, Object> kubernetes = new LinkedHashMap<>();
    shared.forEach(
        (k, v) -> {
          if (TrainOperator.KUBERNETES_ARGS.contains(k)) {
            kubernetes.put(k, v);
          } else if (!TrainOperator.SWEEP_ARGS.contains(k)) {
            perTrial.put(k, v);
          }
        });
    List<Map<String, Object>> trials = new ArrayList<>();
    for (Map<String, Object> combo : combos) {
      Map<String, Object> hyperparams = new LinkedHashMap<>(perTrial);
      hyperparams.putAll(combo);
      trials.add(hyperparams);
    }
    // Where the Jobs ran is not a parameter of the experiment (and an affinity can outgrow an
    // MLflow param's length): the Kubernetes arguments stay out of the parent run's params.
    Map<String, String> sweepParams = new LinkedHashMap<>();
    shared.forEach(
        (k, v) -> {
          if (!TrainOperator.KUBERNETES_ARGS.contains(k)) {
            sweepParams.put(k, String.valueOf(v));
          }
        });
    if (search != null) {
      sweepParams.putAll(SearchParams.of(search));
    } else {
      Expansion.resolve(task.taskId(), task.expand(), in.params())
          .forEach((k, v) -> sweepParams.put(k, String.valueOf(v)));
    }
    int parallel =
        (int)
            longArg(
                shared,
                "max_parallel_trials",
                search != null ? search.budget().maxParallelTrials() : Math.max(1, trials.size()));
    return new SweepInput(
            in.dagId(),
            in.runId(),
            task.taskId(),
            trials,
            dataset(task, shared, upstream),
            longArg(shared, "probe_seed", DEFAULT_PROBE_SEED),
            (int) longArg(shared, "gpus", 0),
            parallel,
            (int) longArg(shared, "max_interrupted_retries", DEFAULT_MAX_INTERRUPTED_RETRIES),
            sweepParams,
            task.pool(),
            task.poolSlots(),
            task.priorityWeight(),
            kubernetes,
            TryPolicy.of(task),
            in.run().logicalDate(),
            search,
            search == null ? null : perTrial)
        .withTrialPool(in.trialPool());
  }

  /** The dataset version: the XCom of {@code dataset_from}, or of the only upstream with one. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> dataset(
      TaskSpec task, Map<String, Object> shared, Map<String, Object> upstream) {
    Object from = shared.get("dataset_from");
    Object value = null;
    if (from != null) {
      value = upstream.get(String.valueOf(from));
    } else {
      List<Object> maps = upstream.values().stream().filter(v -> v instanceof Map).toList();
      value = maps.size() == 1 ? maps.get(0) : null;
    }
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException(
          task.taskId()
              + ": no dataset; name the upstream task that returns it with dataset_from"
              + " (upstream XComs: "
              + upstream.keySet()
              + ")");
    }
    Map<String, Object> dataset = new LinkedHashMap<>((Map<String, Object>) value);
    if (shared.containsKey("image_size")) {
      dataset.put("image_size", shared.get("image_size"));
    }
    return dataset;
  }

  private static long longArg(Map<String, Object> args, String name, long fallback) {
    Object v = args.get(name);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException(
          "argument '" + name + "' must be a number, got '" + v + "'");
    }
    return n.longValue();
  }
}
