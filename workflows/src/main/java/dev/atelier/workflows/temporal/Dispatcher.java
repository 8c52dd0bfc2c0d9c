package dev.atelier.workflows.temporal;

import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Starts ready units as Airflow's scheduler queues task instances: highest priority weight first
 * (then in the order they became ready), at most {@code max_active_tasks} running in the run and at
 * most a task's {@code max_active_tis_per_dagrun} of its instances; a unit that does not fit is
 * passed over for one that does.
 */
final class Dispatcher {
  /** A unit that ended: its results, or the failure that broke it. */
  record Done(Unit unit, List<InstanceResult> results, RuntimeException failure) {}

  private final int maxActiveTasks;
  private final TreeSet<Unit> ready =
      new TreeSet<>(
          Comparator.comparingInt((Unit u) -> -u.task().priorityWeight())
              .thenComparingLong(Unit::seq));
  private final Map<Unit, Promise<List<InstanceResult>>> running = new LinkedHashMap<>();
  private final Map<String, Integer> activePerTask = new HashMap<>();
  private int active;
  private long seq;

  Dispatcher(int maxActiveTasks) {
    this.maxActiveTasks = maxActiveTasks > 0 ? maxActiveTasks : 16;
  }

  long nextSeq() {
    return seq++;
  }

  void enqueue(Unit unit) {
    ready.add(unit);
  }

  void dispatch() {
    for (Unit u : new ArrayList<>(ready)) {
      if (active > 0 && active + u.weight() > maxActiveTasks) {
        continue;
      }
      String id = u.task().taskId();
      Integer perTask = u.task().maxActiveTisPerDagrun();
      int mine = activePerTask.getOrDefault(id, 0);
      if (perTask != null && mine > 0 && mine + u.weight() > perTask) {
        continue;
      }
      ready.remove(u);
      active += u.weight();
      activePerTask.put(id, mine + u.weight());
      running.put(u, u.start().get());
    }
  }

  boolean idle() {
    return running.isEmpty() && ready.isEmpty();
  }

  void awaitAny() {
    Workflow.await(() -> running.values().stream().anyMatch(Promise::isCompleted));
  }

  /** Removes and returns every unit that has ended, in the order they were started. */
  List<Done> collect() {
    List<Done> done = new ArrayList<>();
    for (Unit u : new ArrayList<>(running.keySet())) {
      Promise<List<InstanceResult>> p = running.get(u);
      if (!p.isCompleted()) {
        continue;
      }
      running.remove(u);
      active -= u.weight();
      activePerTask.merge(u.task().taskId(), -u.weight(), Integer::sum);
      RuntimeException failure = p.getFailure();
      done.add(new Done(u, failure == null ? p.get() : null, failure));
    }
    return done;
  }

  /** Every started unit's promise, for waiting on clean-up after a cancellation. */
  List<Promise<List<InstanceResult>>> runningPromises() {
    return new ArrayList<>(running.values());
  }
}
