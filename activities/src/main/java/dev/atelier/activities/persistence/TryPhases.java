package dev.atelier.activities.persistence;

import dev.atelier.workflows.activities.TaskInstanceTry;

/**
 * Where an activity that waits for a job writes the phase of the try it waits for: {@code queued}
 * (with why, as the note) or {@code running}. {@link TryPhaseWriter} is the real one; {@link #NONE}
 * writes nothing.
 */
@FunctionalInterface
public interface TryPhases {
  /** Writes nothing and says it did. */
  TryPhases NONE = (instance, state, note) -> true;

  /**
   * Sets the instance's state to {@code state} ({@code queued} or {@code running}), if the row is
   * still at this try and queued or running.
   *
   * @param note why it is queued; ignored for running
   * @return whether the row is where the call asked (false: the try is over, or another try is on
   *     the row, and nothing was changed)
   */
  boolean record(TaskInstanceTry instance, String state, String note);
}
