package dev.atelier.workflows.dsl;

import java.util.Arrays;

/** A task instance's state, named as Airflow names it (the wire form is {@link #value()}). */
public enum TaskState {
  NONE("none"),
  SCHEDULED("scheduled"),
  QUEUED("queued"),
  RUNNING("running"),
  SUCCESS("success"),
  FAILED("failed"),
  SKIPPED("skipped"),
  UPSTREAM_FAILED("upstream_failed"),
  UP_FOR_RETRY("up_for_retry"),
  UP_FOR_RESCHEDULE("up_for_reschedule"),
  REMOVED("removed"),
  RESTARTING("restarting"),
  DEFERRED("deferred");

  private final String value;

  TaskState(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  /** Whether the instance will not change again in this run (Airflow's "finished" states). */
  public boolean finished() {
    return this == SUCCESS
        || this == FAILED
        || this == SKIPPED
        || this == UPSTREAM_FAILED
        || this == REMOVED;
  }

  /** Whether this state counts against the run (Airflow fails a run on these leaf states). */
  public boolean failedLike() {
    return this == FAILED || this == UPSTREAM_FAILED;
  }

  public static TaskState fromValue(String value) {
    return Arrays.stream(values())
        .filter(s -> s.value.equals(value))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown task state '" + value + "'"));
  }

  @Override
  public String toString() {
    return value;
  }
}
