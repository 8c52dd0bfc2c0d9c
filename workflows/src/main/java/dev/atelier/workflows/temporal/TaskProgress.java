package dev.atelier.workflows.temporal;

import dev.atelier.workflows.dsl.TaskState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the results of a started task's units until all have ended, then says how the task
 * ended: one state, or one per map index.
 */
final class TaskProgress {
  private final boolean mapped;
  private int unitsLeft;
  private final List<InstanceResult> results = new ArrayList<>();

  TaskProgress(boolean mapped, int units) {
    this.mapped = mapped;
    this.unitsLeft = units;
  }

  /** Adds one unit's results; true when that was the last unit. */
  boolean add(List<InstanceResult> unitResults) {
    results.addAll(unitResults);
    return --unitsLeft == 0;
  }

  List<InstanceResult> results() {
    return results;
  }

  TaskOutcome outcome() {
    results.sort(Comparator.comparingInt(InstanceResult::mapIndex));
    if (!mapped || (results.size() == 1 && results.get(0).mapIndex() < 0)) {
      InstanceResult only = results.get(0);
      return TaskOutcome.single(only.state(), only.note());
    }
    List<TaskState> states = new ArrayList<>();
    results.forEach(r -> states.add(r.state()));
    return TaskOutcome.expanded(states);
  }

  /** The result whose follow/skip directive applies (a branch or short-circuit is unmapped). */
  InstanceResult directive() {
    return mapped ? null : results.get(0);
  }
}
