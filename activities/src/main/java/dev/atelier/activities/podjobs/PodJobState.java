package dev.atelier.activities.podjobs;

/**
 * Where a Job stands: its pod not yet started (with why, e.g. {@code ImagePullBackOff: …} or {@code
 * Unschedulable: …}), running, or one of three endings (succeeded, failed with a reason, gone:
 * deleted by someone else).
 */
public record PodJobState(Phase phase, String reason) {
  public enum Phase {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    GONE
  }

  static PodJobState pending(String reason) {
    return new PodJobState(Phase.PENDING, reason);
  }

  static PodJobState running() {
    return new PodJobState(Phase.RUNNING, null);
  }

  static PodJobState succeeded() {
    return new PodJobState(Phase.SUCCEEDED, null);
  }

  static PodJobState failed(String reason) {
    return new PodJobState(Phase.FAILED, reason);
  }

  static PodJobState gone(String reason) {
    return new PodJobState(Phase.GONE, reason);
  }

  boolean ended() {
    return phase == Phase.SUCCEEDED || phase == Phase.FAILED || phase == Phase.GONE;
  }
}
