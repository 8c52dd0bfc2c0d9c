package dev.atelier.activities.jobs;

/**
 * How a job ended: it succeeded, it failed (with the trainer's exit code when the launcher could
 * see it, else {@link #UNKNOWN_EXIT_CODE}), or it is gone (deleted or lost before it ended).
 */
public record JobOutcome(Result result, int exitCode, String reason) {
  public static final int UNKNOWN_EXIT_CODE = -1;

  public enum Result {
    SUCCEEDED,
    FAILED,
    GONE
  }

  public static JobOutcome succeeded() {
    return new JobOutcome(Result.SUCCEEDED, 0, "");
  }

  public static JobOutcome failed(int exitCode, String reason) {
    return new JobOutcome(Result.FAILED, exitCode, reason);
  }

  public static JobOutcome gone(String reason) {
    return new JobOutcome(Result.GONE, UNKNOWN_EXIT_CODE, reason);
  }
}
