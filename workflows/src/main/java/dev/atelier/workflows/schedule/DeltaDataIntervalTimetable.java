package dev.atelier.workflows.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * Airflow's {@code DeltaDataIntervalTimetable} ({@code schedule=timedelta(...)}): one interval
 * every {@code delta}, whole seconds, at least one second.
 *
 * <p>Unlike Airflow, the intervals always lie on one grid, {@code start_date + k × delta} (kept as
 * {@code offset} = start_date mod delta since the epoch), which is where a Temporal Schedule's
 * interval spec fires; Airflow moves to an epoch-rounded grid when {@code catchup=False} skips
 * ahead.
 */
public final class DeltaDataIntervalTimetable extends DataIntervalTimetable {
  private final Duration delta;
  private final Duration offset;

  DeltaDataIntervalTimetable(Duration delta, Duration offset) {
    if (delta == null || delta.compareTo(Duration.ofSeconds(1)) < 0 || delta.getNano() != 0) {
      throw new IllegalArgumentException(
          "schedule every " + delta + ": an interval must be whole seconds, at least 1 second");
    }
    this.delta = delta;
    this.offset = Duration.ofSeconds(Math.floorMod(offset.getSeconds(), delta.getSeconds()));
  }

  /** The same interval on the grid through {@code anchor} (the Dag's start_date). */
  DeltaDataIntervalTimetable anchoredAt(Instant anchor) {
    return new DeltaDataIntervalTimetable(delta, Duration.ofSeconds(anchor.getEpochSecond()));
  }

  public Duration delta() {
    return delta;
  }

  /** Where the grid lies: seconds after the epoch, modulo {@code delta}. */
  public Duration offset() {
    return offset;
  }

  /** The grid instant at or before {@code t}. */
  private Instant floor(Instant t) {
    long step = delta.getSeconds();
    long k = Math.floorDiv(t.getEpochSecond() - offset.getSeconds(), step);
    return Instant.ofEpochSecond(k * step + offset.getSeconds());
  }

  @Override
  Instant next(Instant t) {
    return floor(t).plus(delta);
  }

  @Override
  Instant previous(Instant t) {
    Instant floor = floor(t);
    return floor.isBefore(t) ? floor : floor.minus(delta);
  }

  @Override
  boolean onGrid(Instant t) {
    return floor(t).equals(t);
  }

  @Override
  Instant latestCompleteStart(Instant now) {
    return floor(now).minus(delta);
  }

  @Override
  public DataInterval inferManualDataInterval(Instant runAfter) {
    // Airflow: the delta that ends at the trigger, not aligned to the grid.
    return new DataInterval(runAfter.minus(delta), runAfter);
  }

  @Override
  public String summary() {
    return Durations.python(delta);
  }

  @Override
  public String description() {
    return "Every " + Durations.words(delta);
  }

  @Override
  public String toString() {
    return "DeltaDataIntervalTimetable(" + delta + ", offset " + offset + ")";
  }
}
