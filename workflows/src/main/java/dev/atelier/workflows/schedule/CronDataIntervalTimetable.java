package dev.atelier.workflows.schedule;

import java.time.Instant;

/**
 * Airflow's {@code CronDataIntervalTimetable}: a cron expression or preset, in UTC. A daily Dag's
 * run for the 24th (logical date 2026-11-24T00:00) runs just after midnight on the 25th.
 */
public final class CronDataIntervalTimetable extends DataIntervalTimetable {
  private final CronExpression cron;
  private final String written;

  CronDataIntervalTimetable(CronExpression cron, String written) {
    this.cron = cron;
    this.written = written;
  }

  /** The cron expression, with any preset already expanded. */
  public CronExpression cron() {
    return cron;
  }

  @Override
  Instant next(Instant t) {
    return cron.next(t).orElseThrow(() -> never(t));
  }

  @Override
  Instant previous(Instant t) {
    return cron.previous(t).orElseThrow(() -> never(t));
  }

  @Override
  boolean onGrid(Instant t) {
    return cron.matches(t);
  }

  /**
   * Airflow's {@code _skip_to_latest}: on a boundary the interval ending now; between boundaries
   * the one that ended at the last boundary.
   */
  @Override
  Instant latestCompleteStart(Instant now) {
    return previous(alignToPrevious(now));
  }

  private IllegalStateException never(Instant t) {
    return new IllegalStateException("cron '" + cron + "' has no instant within 30 years of " + t);
  }

  @Override
  public String summary() {
    return written;
  }

  @Override
  public String description() {
    String preset = Presets.description(written);
    return preset != null ? preset : "cron " + cron + " (UTC)";
  }

  @Override
  public String toString() {
    return "CronDataIntervalTimetable(" + written + ")";
  }
}
