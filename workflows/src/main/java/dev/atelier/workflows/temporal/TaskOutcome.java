package dev.atelier.workflows.temporal;

import dev.atelier.workflows.dsl.TaskState;
import java.util.List;

/**
 * How one task ended in a run: one state per instance (a mapped task has one per map index, an
 * unmapped task exactly one) and a note for the user when it did not succeed. A mapped task that
 * never expanded (skipped, upstream_failed, or failed before its instances) has one state, as
 * Airflow's map_index -1 instance. Its XComs live in the run's {@link XComStore}.
 */
public record TaskOutcome(List<TaskState> states, boolean expanded, String note) {
  static TaskOutcome single(TaskState state, String note) {
    return new TaskOutcome(List.of(state), false, note);
  }

  /** A mapped task that expanded: one state per map index. */
  static TaskOutcome expanded(List<TaskState> states) {
    return new TaskOutcome(List.copyOf(states), true, null);
  }
}
