package dev.atelier.ui.service;

import dev.atelier.workflows.dsl.DagSpec;
import dev.atelier.workflows.dsl.TaskSpec;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Dag's tasks as a graph, for "this task and its upstream / downstream" (Airflow's {@code
 * partial_subset}). Walks are iterative, so a long chain cannot overflow the stack.
 */
final class TaskGraph {
  private final Map<String, List<String>> upstream = new HashMap<>();
  private final Map<String, Set<String>> downstream = new HashMap<>();

  TaskGraph(DagSpec dag) {
    for (TaskSpec task : dag.tasks()) {
      upstream.put(task.taskId(), task.upstreamTaskIds());
      downstream.putIfAbsent(task.taskId(), new LinkedHashSet<>());
      for (String up : task.upstreamTaskIds()) {
        downstream.computeIfAbsent(up, k -> new LinkedHashSet<>()).add(task.taskId());
      }
    }
  }

  boolean has(String taskId) {
    return upstream.containsKey(taskId);
  }

  /** The given tasks plus, as asked, everything upstream and downstream of them. */
  Set<String> closure(Set<String> taskIds, boolean withUpstream, boolean withDownstream) {
    Set<String> out = new LinkedHashSet<>(taskIds);
    if (withUpstream) {
      out.addAll(walk(taskIds, t -> upstream.getOrDefault(t, List.of())));
    }
    if (withDownstream) {
      out.addAll(walk(taskIds, t -> downstream.getOrDefault(t, Set.of())));
    }
    return out;
  }

  private static Set<String> walk(
      Set<String> start, java.util.function.Function<String, java.util.Collection<String>> next) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(start);
    while (!todo.isEmpty()) {
      for (String n : next.apply(todo.pop())) {
        if (seen.add(n)) {
          todo.push(n);
        }
      }
    }
    return seen;
  }
}
