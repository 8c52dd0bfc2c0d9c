package dev.atelier.activities.trials;

/** The trainer CLI's exit codes as trial statuses (trainers/README.md documents the codes). */
public enum TrialStatus {
  SUCCEEDED(0),
  BAD_SPEC(2),
  DIVERGED(3),
  /** Stopped by its sweep ({@code stopTrial}): a decision, not a failure; its checkpoint stays. */
  PRUNED(4),
  INTERRUPTED(75),
  FAILED(1),
  GONE(-1);

  private final int exitCode;

  TrialStatus(int exitCode) {
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  public static TrialStatus fromExitCode(int code) {
    return switch (code) {
      case 0 -> SUCCEEDED;
      case 2 -> BAD_SPEC;
      case 3 -> DIVERGED;
      case 4 -> PRUNED;
      case 75 -> INTERRUPTED;
      default -> FAILED;
    };
  }

  /** The status the trainer wrote in its {@code atelier.status} tag, if it is one of ours. */
  public static java.util.Optional<TrialStatus> fromTag(String tag) {
    for (TrialStatus s : values()) {
      if (s.name().equals(tag)) {
        return java.util.Optional.of(s);
      }
    }
    return java.util.Optional.empty();
  }
}
