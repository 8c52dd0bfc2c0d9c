package dev.atelier.workflows.schedule;

import java.time.Instant;

/**
 * Airflow's {@code DagRunInfo}: the interval of the next run a schedule owes and the earliest
 * instant it may be created ({@code run_after}: the interval's end, or its start for {@code
 * @once}). The run's logical date is the interval's start.
 */
public record DagRunInfo(DataInterval interval, Instant runAfter) {

  public Instant logicalDate() {
    return interval.start();
  }

  static DagRunInfo interval(Instant start, Instant end) {
    return new DagRunInfo(new DataInterval(start, end), end);
  }

  static DagRunInfo exact(Instant at) {
    return new DagRunInfo(DataInterval.exact(at), at);
  }
}
