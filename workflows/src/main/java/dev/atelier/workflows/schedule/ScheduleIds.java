package dev.atelier.workflows.schedule;

/** How a Dag's Temporal Schedule and the workflows it starts are named. */
public final class ScheduleIds {
  /** Every Atelier Schedule's id starts with this, so ones of removed Dags can be found. */
  public static final String PREFIX = "schedule:";

  private ScheduleIds() {}

  /** The Temporal Schedule of a Dag. */
  public static String scheduleId(String dagId) {
    return PREFIX + dagId;
  }

  /** The Dag a Schedule id names, or null for a Schedule that is not Atelier's. */
  public static String dagId(String scheduleId) {
    return scheduleId.startsWith(PREFIX) ? scheduleId.substring(PREFIX.length()) : null;
  }

  /** Temporal appends each firing's time: {@code scheduled:<dag_id>-2026-11-21T10:00:00Z}. */
  public static String workflowIdBase(String dagId) {
    return "scheduled:" + dagId;
  }
}
