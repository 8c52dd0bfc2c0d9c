package dev.atelier.workflows.temporal;

import dev.atelier.workflows.dsl.DagSpec;
import dev.atelier.workflows.dsl.TaskKind;
import dev.atelier.workflows.dsl.TaskSpec;
import dev.atelier.workflows.dsl.TaskState;
import dev.atelier.workflows.dsl.TriggerDecision;
import dev.atelier.workflows.dsl.TriggerRule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scheduler's view of one Dag run, free of engine calls so it can be tested alone: which tasks
 * are pending, started or finished, what their trigger rules decide, what a branch or short-circuit
 * skips, and the run's final state. Only tasks whose upstreams changed are decided again, so a long
 * chain costs time in proportion to its edges.
 *
 * <p>The run's state follows Airflow's rule: failed if any leaf task (one without downstream tasks)
 * has an instance that ended failed or upstream_failed, or if tasks were left that could never be
 * decided; success otherwise. So a sweep whose {@code pick_best} (all_done) succeeds is a
 * successful run even if one trial failed — that trial's instance still shows failed, with its
 * reason.
 */
final class RunBook {
  /** A task settled without running (skipped, upstream_failed, or an EmptyOperator's success). */
  record Settled(TaskSpec task, TaskState state, String note) {}

  private final DagSpec dag;
  private final Map<String, Integer> index = new HashMap<>();
  private final Map<String, List<String>> downstream = new HashMap<>();
  private final Map<String, TaskOutcome> finished = new LinkedHashMap<>();
  private final Set<String> started = new HashSet<>();
  private final TreeSet<Integer> dirty = new TreeSet<>();

  RunBook(DagSpec dag, Map<String, TaskOutcome> restored) {
    this.dag = dag;
    List<TaskSpec> tasks = dag.tasks();
    for (int i = 0; i < tasks.size(); i++) {
      index.put(tasks.get(i).taskId(), i);
      downstream.put(tasks.get(i).taskId(), new ArrayList<>());
    }
    for (TaskSpec t : tasks) {
      for (String up : t.upstreamTaskIds()) {
        downstream.get(up).add(t.taskId());
      }
    }
    if (restored != null) {
      finished.putAll(restored);
    }
    for (int i = 0; i < tasks.size(); i++) {
      if (!finished.containsKey(tasks.get(i).taskId())) {
        dirty.add(i);
      }
    }
  }

  TaskSpec task(String taskId) {
    return dag.tasks().get(index.get(taskId));
  }

  /**
   * Decides every task whose upstreams changed, in Dag order, until nothing more settles: tasks the
   * rules settle (and EmptyOperators that may run) are finished and added to {@code settled}; tasks
   * that may run are marked started and returned.
   */
  List<TaskSpec> decide(List<Settled> settled) {
    List<TaskSpec> toRun = new ArrayList<>();
    while (!dirty.isEmpty()) {
      TaskSpec task = dag.tasks().get(dirty.pollFirst());
      String id = task.taskId();
      if (started.contains(id) || finished.containsKey(id)) {
        continue;
      }
      TriggerDecision d = TriggerRule.fromValue(task.triggerRule()).decide(upstreamStates(task));
      if (d == TriggerDecision.WAIT) {
        continue;
      }
      if (d != TriggerDecision.RUN) {
        settle(task, d.settledState(), null, settled);
      } else if (task.kind() == TaskKind.EMPTY) {
        settle(task, TaskState.SUCCESS, null, settled);
      } else {
        started.add(id);
        toRun.add(task);
      }
    }
    return toRun;
  }

  /**
   * Records how a started task ended. A branch or short-circuit result skips the tasks it did not
   * follow (only tasks not started yet), which are added to {@code settled}.
   */
  void finish(String taskId, TaskOutcome outcome, InstanceResult directive, List<Settled> settled) {
    started.remove(taskId);
    finished.put(taskId, outcome);
    markDownstreamDirty(taskId);
    if (directive == null || directive.follow() == null) {
      return;
    }
    List<String> follow = directive.follow();
    TaskKind kind = task(taskId).kind();
    String note =
        follow.isEmpty() && kind == TaskKind.SHORT_CIRCUIT
            ? "skipped: short-circuit '" + taskId + "' returned a falsy value"
            : follow.isEmpty() && kind == TaskKind.REVIEW
                ? "skipped: review '" + taskId + "' was rejected"
                : "skipped: branch '" + taskId + "' followed " + follow;
    for (String d : downstream.get(taskId)) {
      if (!chosen(d, follow)) {
        skipIfPending(d, note, settled);
      }
    }
    if (directive.skipAllDownstream()) {
      Deque<String> queue = new ArrayDeque<>(downstream.get(taskId));
      Set<String> seen = new HashSet<>(queue);
      while (!queue.isEmpty()) {
        String d = queue.poll();
        skipIfPending(d, note, settled);
        for (String next : downstream.get(d)) {
          if (seen.add(next)) {
            queue.add(next);
          }
        }
      }
    }
  }

  /** A branch follows a task by its id, or every task of a group it names. */
  private static boolean chosen(String taskId, List<String> follow) {
    for (String f : follow) {
      if (taskId.equals(f) || taskId.startsWith(f + ".")) {
        return true;
      }
    }
    return false;
  }

  private void skipIfPending(String taskId, String note, List<Settled> settled) {
    if (!started.contains(taskId) && !finished.containsKey(taskId)) {
      settle(task(taskId), TaskState.SKIPPED, note, settled);
    }
  }

  private void settle(TaskSpec task, TaskState state, String note, List<Settled> settled) {
    finished.put(task.taskId(), TaskOutcome.single(state, note));
    settled.add(new Settled(task, state, note));
    markDownstreamDirty(task.taskId());
  }

  private void markDownstreamDirty(String taskId) {
    for (String d : downstream.get(taskId)) {
      dirty.add(index.get(d));
    }
  }

  /** Tasks never decided (a trigger rule that can no longer be met): Airflow's deadlock. */
  List<TaskSpec> undecided() {
    List<TaskSpec> out = new ArrayList<>();
    for (TaskSpec task : dag.tasks()) {
      if (!finished.containsKey(task.taskId()) && !started.contains(task.taskId())) {
        out.add(task);
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

  Map<String, TaskOutcome> finishedOutcomes() {
    return new LinkedHashMap<>(finished);
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
      boolean leaf = downstream.get(task.taskId()).isEmpty();
      TaskOutcome o = finished.get(task.taskId());
      if (leaf && o != null && o.states().stream().anyMatch(TaskState::failedLike)) {
        return "failed";
      }
    }
    return "success";
  }
}
