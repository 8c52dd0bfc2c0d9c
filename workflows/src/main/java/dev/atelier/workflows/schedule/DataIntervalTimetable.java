package dev.atelier.workflows.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * Airflow's {@code _DataIntervalTimetable}: runs cover consecutive intervals of a grid of instants
 * (a cron expression's, or every fixed delta); the run for {@code [start, end)} has logical date
 * {@code start} and is created once {@code end} has passed. Subclasses say where the grid lies.
 */
public abstract sealed class DataIntervalTimetable implements Timetable
    permits CronDataIntervalTimetable, DeltaDataIntervalTimetable {

  /** The first grid instant strictly after {@code t}. */
  abstract Instant next(Instant t);

  /** The last grid instant strictly before {@code t}. */
  abstract Instant previous(Instant t);

  abstract boolean onGrid(Instant t);

  /** The latest interval start whose interval has ended by {@code now}. */
  abstract Instant latestCompleteStart(Instant now);

  Instant alignToNext(Instant t) {
    return onGrid(t) ? t : next(t);
  }

  Instant alignToPrevious(Instant t) {
    return onGrid(t) ? t : previous(t);
  }

  @Override
  public Optional<DagRunInfo> nextDagRunInfo(
      DataInterval lastAutomated, TimeRestriction restriction, Instant now) {
    Instant earliest = restriction.earliest();
    if (!restriction.catchup()) {
      Instant latest = latestCompleteStart(now);
      earliest = earliest == null ? latest : max(latest, alignToNext(earliest));
    } else if (earliest != null) {
      earliest = alignToNext(earliest);
    }
    Instant start;
    if (lastAutomated == null) {
      if (earliest == null) {
        return Optional.empty();
      }
      start = earliest;
    } else {
      // Aligning matters when the schedule changed since the last run.
      Instant lastEnd = alignToPrevious(lastAutomated.end());
      start = earliest == null ? lastEnd : max(lastEnd, earliest);
    }
    if (restriction.latest() != null && start.isAfter(restriction.latest())) {
      return Optional.empty();
    }
    return Optional.of(DagRunInfo.interval(start, next(start)));
  }

  @Override
  public DataInterval inferManualDataInterval(Instant runAfter) {
    // The last complete period: a daily Dag triggered at 01:00 on the 25th covers the 24th.
    Instant end = alignToPrevious(runAfter);
    return new DataInterval(previous(end), end);
  }

  @Override
  public Optional<DagRunInfo> runFiredAt(Instant fire, TimeRestriction restriction) {
    Instant end = alignToPrevious(fire);
    Instant start = previous(end);
    if (restriction.earliest() != null && start.isBefore(alignToNext(restriction.earliest()))) {
      return Optional.empty();
    }
    if (restriction.latest() != null && start.isAfter(restriction.latest())) {
      return Optional.empty();
    }
    return Optional.of(DagRunInfo.interval(start, end));
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
