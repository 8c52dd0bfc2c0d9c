package dev.atelier.workflows.dsl;

/**
 * What a trigger rule says about a task given its upstream states: run it now, keep waiting, or
 * settle it without running (as Airflow's scheduler does with {@code flag_upstream_failed}).
 */
public enum TriggerDecision {
  RUN,
  WAIT,
  SKIPPED,
  UPSTREAM_FAILED;

  /** The state a settled task takes; only for {@link #SKIPPED} and {@link #UPSTREAM_FAILED}. */
  public TaskState settledState() {
    return switch (this) {
      case SKIPPED -> TaskState.SKIPPED;
      case UPSTREAM_FAILED -> TaskState.UPSTREAM_FAILED;
      default -> throw new IllegalStateException(this + " does not settle a task");
    };
  }
}
