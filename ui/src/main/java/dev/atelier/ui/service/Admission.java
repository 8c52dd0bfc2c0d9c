package dev.atelier.ui.service;

/**
 * What one admission pass did: how many waiting runs it started, what became of the run the caller
 * had just created (null when the caller named none), and why, when that run was {@link
 * Outcome#FAILED} (null otherwise).
 */
public record Admission(int started, Outcome caller, String callerNote) {

  public Admission(int started, Outcome caller) {
    this(started, caller, null);
  }

  /** The fate of one waiting run in a pass. */
  public enum Outcome {
    /** Its workflow was started. */
    STARTED,
    /** It still waits: the Dag is paused or has no free max_active_runs slot. */
    WAITING,
    /** A workflow with its id already runs on Temporal (the caller should refuse the run). */
    ALREADY_STARTED,
    /** Temporal did not accept the start; it keeps waiting and the scheduler retries. */
    REFUSED,
    /**
     * Temporal refused the start for good ({@link StartRefusal}), or its Dag is no longer defined:
     * the run was failed with the reason in its note and no longer holds up the Dag's later runs.
     */
    FAILED
  }
}
