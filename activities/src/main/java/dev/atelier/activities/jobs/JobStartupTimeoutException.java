package dev.atelier.activities.jobs;

/** A job stayed PENDING past its startup timeout; it has been deleted. */
public final class JobStartupTimeoutException extends IllegalStateException {
  private final JobState lastState;

  public JobStartupTimeoutException(String message, JobState lastState) {
    super(message);
    this.lastState = lastState;
  }

  /** The PENDING state seen last, with the reason the pod did not start. */
  public JobState lastState() {
    return lastState;
  }
}
