package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.TrialRequest;

/**
 * One trial of a sweep.
 *
 * @param maxInterruptedRetries how many times a trial that ended INTERRUPTED (its job was stopped,
 *     checkpoint saved) or GONE (its job vanished without an exit code) is launched again, resuming
 *     from its checkpoint, before it counts as failed (INTERRUPTED) or falls to the task's retries
 *     (GONE); these relaunches do not use up {@code tries.retries}
 * @param tries the train task's retries (for tries that ended FAILED, or GONE past the interruption
 *     budget) and execution_timeout (per try); null in histories from before it existed, read as
 *     {@link TryPolicy#NONE}
 * @param logicalDate the run's logical date, part of the key of Airflow's retry jitter
 * @param trialPool the pool each try takes one slot of while it runs ({@link TrialSlots}); null for
 *     none (and in older histories)
 */
public record TrialInput(
    TrialRequest request,
    int maxInterruptedRetries,
    TryPolicy tries,
    String logicalDate,
    String trialPool) {

  /** A trial that takes no slot of a trial pool (as before {@link TrialSlots} existed). */
  public TrialInput(
      TrialRequest request, int maxInterruptedRetries, TryPolicy tries, String logicalDate) {
    this(request, maxInterruptedRetries, tries, logicalDate, null);
  }

  TryPolicy policy() {
    return TryPolicy.orNone(tries);
  }
}
