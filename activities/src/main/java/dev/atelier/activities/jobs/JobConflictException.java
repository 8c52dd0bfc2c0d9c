package dev.atelier.activities.jobs;

/**
 * A Job of the name a launch wants exists, but its {@value JobManifest#LAUNCH_KEY_LABEL} label says
 * someone else made it: adopting it would follow (and later delete) a stranger's Job.
 */
public final class JobConflictException extends IllegalStateException {
  public JobConflictException(String message) {
    super(message);
  }
}
