package dev.atelier.workflows.temporal;

import dev.atelier.workflows.dsl.DagSpec;
import dev.atelier.workflows.dsl.TaskSpec;
import dev.atelier.workflows.dsl.TaskState;
import dev.atelier.workflows.dsl.TriggerDecision;
import dev.atelier.workflows.dsl.TriggerRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scheduler's view of one Dag run, free of engine calls so it can be tested alone: which tasks
 * are pending, started or finished, what their trigger rules decide, and the run's final state.
 *
 * <p>The run's state follows Airflow's rule: failed if any leaf task (one without downstream tasks)
 * has an instance that ended failed or upstream_failed, or if tasks were left that could never be
 * decided; success otherwise. So a sweep whose {@code pick_best} (all_done) succeeds is a
 * successful run even if one trial failed — that trial's instance still shows failed, with its
 * reason.
 */
final class RunBook {
  private final DagSpec dag;
  private final Map<String, TaskOutcome> finished = new LinkedHashMap<>();
  private final Map<String, Boolean> started = new LinkedHashMap<>();
  private final Set<String> withDownstream = new HashSet<>();

  RunBook(DagSpec dag) {
    this.dag = dag;
    dag.tasks().forEach(t -> withDownstream.addAll(t.upstreamTaskIds()));
  }

  /** Pending tasks whose trigger rule now decides something other than WAIT, in Dag order. */
  Map<TaskSpec, TriggerDecision> decisions() {
    Map<TaskSpec, TriggerDecision> out = new LinkedHashMap<>();
    for (TaskSpec task : dag.tasks()) {
      if (started.containsKey(task.taskId()) || finished.containsKey(task.taskId())) {
        continue;
      }
      TriggerDecision d = TriggerRule.fromValue(task.triggerRule()).decide(upstreamStates(task));
      if (d != TriggerDecision.WAIT) {
        out.put(task, d);
      }
    }
    return out;
  }

  void markStarted(String taskId) {
    started.put(taskId, true);
  }

  void finish(String taskId, TaskOutcome outcome) {
    started.remove(taskId);
    finished.put(taskId, outcome);
  }

  boolean anyStarted() {
    return !started.isEmpty();
  }

  /** Tasks never decided (a trigger rule that can no longer be met): Airflow's deadlock. */
  List<TaskSpec> undecided() {
    List<TaskSpec> out = new ArrayList<>();
    for (TaskSpec task : dag.tasks()) {
      if (!finished.containsKey(task.taskId()) && !started.containsKey(task.taskId())) {
        out.add(task);
      }
    }
    return out;
  }

  /** The XCom values of a task's upstreams (task id to value), for its TaskCall. */
  Map<String, Object> upstreamXComs(TaskSpec task) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String up : task.upstreamTaskIds()) {
      TaskOutcome o = finished.get(up);
      if (o != null && o.xcom() != null) {
        out.put(up, o.xcom());
      }
    }
    return out;
  }

  List<TaskState> upstreamStates(TaskSpec task) {
    List<TaskState> states = new ArrayList<>();
    for (String up : task.upstreamTaskIds()) {
      TaskOutcome o = finished.get(up);
      states.addAll(o == null ? List.of(TaskState.NONE) : o.states());
    }
    return states;
  }

  /** Final states by instance: {@code task} for an unmapped task, {@code task[i]} for mapped. */
  Map<String, String> taskStates() {
    Map<String, String> out = new LinkedHashMap<>();
    for (TaskSpec task : dag.tasks()) {
      TaskOutcome o = finished.get(task.taskId());
      if (o == null) {
        out.put(task.taskId(), TaskState.NONE.value());
      } else if (o.expanded()) {
        for (int i = 0; i < o.states().size(); i++) {
          out.put(task.taskId() + "[" + i + "]", o.states().get(i).value());
        }
      } else {
        out.put(task.taskId(), o.states().get(0).value());
      }
    }
    return out;
  }

  /** "success" or "failed" by Airflow's leaf rule (see the class comment). */
  String runState() {
    if (!undecided().isEmpty()) {
      return "failed";
    }
    for (TaskSpec task : dag.tasks()) {
      boolean leaf = !withDownstream.contains(task.taskId());
      TaskOutcome o = finished.get(task.taskId());
      if (leaf && o != null && o.states().stream().anyMatch(TaskState::failedLike)) {
        return "failed";
      }
    }
    return "success";
  }
}
