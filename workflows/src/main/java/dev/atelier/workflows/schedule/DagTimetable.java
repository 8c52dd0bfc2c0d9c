package dev.atelier.workflows.schedule;

/**
 * Everything the scheduler needs to know about one Dag: its timetable (bound to its start_date),
 * the window runs may fall in, and whether it starts paused when first registered.
 */
public record DagTimetable(
    String dagId, Timetable timetable, TimeRestriction restriction, boolean pausedUponCreation) {

  /** Whether a Temporal Schedule fires this Dag (a cron, preset, interval or {@code @once}). */
  public boolean clockDriven() {
    return timetable instanceof DataIntervalTimetable || timetable instanceof OnceTimetable;
  }

  /** The dataset condition, for a dataset-scheduled Dag; null otherwise. */
  public DatasetCondition datasets() {
    return timetable instanceof DatasetTriggeredTimetable d ? d.condition() : null;
  }
}
