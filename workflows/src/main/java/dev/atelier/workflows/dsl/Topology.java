package dev.atelier.workflows.dsl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** A topological order of a Dag's tasks (Kahn's algorithm, ties in definition order). */
final class Topology {
  private Topology() {}

  /** Tasks upstream before downstream; tasks on a cycle are left out. */
  static List<Task> order(List<Task> tasks) {
    Map<Task, Integer> pending = new IdentityHashMap<>();
    for (Task t : tasks) {
      pending.put(t, 0);
    }
    for (Task t : tasks) {
      int n = 0;
      for (Task up : t.upstream()) {
        if (pending.containsKey(up)) {
          n++;
        }
      }
      pending.put(t, n);
    }
    Deque<Task> ready = new ArrayDeque<>();
    for (Task t : tasks) {
      if (pending.get(t) == 0) {
        ready.add(t);
      }
    }
    List<Task> order = new ArrayList<>(tasks.size());
    while (!ready.isEmpty()) {
      Task t = ready.poll();
      order.add(t);
      for (Task down : t.downstream()) {
        Integer left = pending.get(down);
        if (left != null) {
          pending.put(down, left - 1);
          if (left == 1) {
            ready.add(down);
          }
        }
      }
    }
    return order;
  }
}
