package dev.atelier.workflows.activities;

import io.temporal.activity.ActivityInterface;

/** One training trial as a job: launch it, wait for it (heartbeating progress), cancel it. */
@ActivityInterface
public interface TrialActivities {
  /** Creates the MLflow child run, writes the trainer spec, and starts the job. */
  TrialHandle launchTrial(TrialRequest request);

  /**
   * Blocks until the job ends, heartbeating the last step reached; returns the outcome (a failed
   * trial is an outcome, not an exception). Cancellation of the activity deletes the job. While it
   * waits, it shows the job's phase on the handle's {@link TrialHandle#instance() task instance
   * try}: {@code queued} with Kueue's reason as the note while the Job is suspended (before
   * admission, and again after an eviction), {@code running} once admitted. It writes only while
   * the row is at that try and queued or running, so every state the workflow writes after the wait
   * (up_for_retry, success, failed) stands.
   */
  TrialOutcome awaitTrial(TrialHandle handle);

  /**
   * Asks a running trial to stop early for its sweep: tags its MLflow run ({@code
   * atelier.stop_request} with {@code detail}, {@code atelier.stop_reason}, {@code
   * atelier.stop_detail}); the trainer sees the request within seconds, checkpoints and exits 4
   * (PRUNED), and {@code awaitTrial} returns that outcome. Idempotent; a trial that already ended
   * keeps its ending.
   */
  void stopTrial(TrialHandle handle, String reason, String detail);

  /** Stops and deletes the job; marks the MLflow run KILLED. Idempotent. */
  void cancelTrial(TrialHandle handle);
}
