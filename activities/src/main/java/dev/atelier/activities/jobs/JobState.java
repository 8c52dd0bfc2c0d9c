package dev.atelier.activities.jobs;

/**
 * Where a job stands. Before it runs: {@link Phase#QUEUED} (suspended until Kueue admits it; the
 * reason is Kueue's, e.g. "insufficient unused quota for nvidia.com/gpu ...") or {@link
 * Phase#PENDING} (admitted, pod not started; e.g. {@code ImagePullBackOff: ...}, {@code
 * Unschedulable: ...}). Then {@link Phase#RUNNING}, and one of three endings: succeeded, failed
 * (with the main container's exit code when it could be read, else {@link #UNKNOWN_EXIT_CODE}), or
 * gone (the Job was deleted, or its pod vanished without an exit code).
 */
public record JobState(Phase phase, String reason, int exitCode) {
  public static final int UNKNOWN_EXIT_CODE = -1;

  public enum Phase {
    QUEUED,
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    GONE
  }

  public static JobState queued(String reason) {
    return new JobState(Phase.QUEUED, reason, UNKNOWN_EXIT_CODE);
  }

  public static JobState pending(String reason) {
    return new JobState(Phase.PENDING, reason, UNKNOWN_EXIT_CODE);
  }

  public static JobState running() {
    return new JobState(Phase.RUNNING, "", UNKNOWN_EXIT_CODE);
  }

  public static JobState succeeded() {
    return new JobState(Phase.SUCCEEDED, "", 0);
  }

  public static JobState failed(int exitCode, String reason) {
    return new JobState(Phase.FAILED, reason, exitCode);
  }

  public static JobState gone(String reason) {
    return new JobState(Phase.GONE, reason, UNKNOWN_EXIT_CODE);
  }

  /** Succeeded, failed or gone: nothing will change any more. */
  public boolean ended() {
    return phase == Phase.SUCCEEDED || phase == Phase.FAILED || phase == Phase.GONE;
  }
}
