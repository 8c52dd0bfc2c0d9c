package dev.atelier.workflows.temporal;

import dev.atelier.workflows.dsl.TaskState;
import java.util.List;

/**
 * How one task ended in a run: one state per instance (a mapped task has one per map index, an
 * unmapped task exactly one), its XCom return value (a mapped task's is the list of its instances'
 * values) and a note for the user when it did not succeed. A mapped task that never expanded
 * (skipped, upstream_failed, or failed before its trials) has one state, as Airflow's map_index -1
 * instance.
 */
record TaskOutcome(List<TaskState> states, boolean expanded, Object xcom, String note) {
  static TaskOutcome single(TaskState state, Object xcom, String note) {
    return new TaskOutcome(List.of(state), false, xcom, note);
  }

  /** A mapped task that expanded: one state per map index. */
  static TaskOutcome expanded(List<TaskState> states, Object xcom) {
    return new TaskOutcome(List.copyOf(states), true, xcom, null);
  }
}
