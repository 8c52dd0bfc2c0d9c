package dev.atelier.workflows.dsl;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a cycle as Airflow's {@code check_cycle} does: a depth-first walk over downstream edges in
 * definition order, reporting the task that is reached again while still on the path. The walk
 * keeps its own stack, so a 10,000-task chain cannot overflow the thread's stack.
 */
final class CycleCheck {
  private static final int ON_PATH = 1;
  private static final int DONE = 2;

  private CycleCheck() {}

  /** The faulty task of the first cycle found, if any. Edges to unknown ids are ignored. */
  static Optional<String> faultyTask(Map<String, Task> tasks) {
    Map<String, Integer> mark = new HashMap<>();
    for (String start : tasks.keySet()) {
      if (mark.containsKey(start)) {
        continue;
      }
      Deque<String> path = new ArrayDeque<>();
      Deque<Iterator<String>> pending = new ArrayDeque<>();
      mark.put(start, ON_PATH);
      path.push(start);
      pending.push(tasks.get(start).downstreamTaskIds().iterator());
      while (!pending.isEmpty()) {
        Iterator<String> children = pending.peek();
        if (!children.hasNext()) {
          mark.put(path.pop(), DONE);
          pending.pop();
          continue;
        }
        String child = children.next();
        Task task = tasks.get(child);
        if (task == null) {
          continue;
        }
        Integer m = mark.get(child);
        if (m != null && m == ON_PATH) {
          return Optional.of(child);
        }
        if (m == null) {
          mark.put(child, ON_PATH);
          path.push(child);
          pending.push(task.downstreamTaskIds().iterator());
        }
      }
    }
    return Optional.empty();
  }
}
