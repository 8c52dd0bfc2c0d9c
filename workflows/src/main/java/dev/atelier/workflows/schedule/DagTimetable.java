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

  /** The asset condition, for an asset-scheduled Dag; null otherwise. */
  public AssetCondition assets() {
    return timetable instanceof AssetTriggeredTimetable d ? d.condition() : null;
  }
}
