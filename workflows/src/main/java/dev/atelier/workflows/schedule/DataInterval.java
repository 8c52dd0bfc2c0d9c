package dev.atelier.workflows.schedule;

import java.time.Instant;

/**
 * Airflow's data interval {@code [start, end)} a run covers. A run of a periodic schedule has
 * {@code logical_date = start} and runs once {@code end} has passed; {@code @once}, manual and
 * dataset-triggered runs may have {@code start == end}.
 */
public record DataInterval(Instant start, Instant end) {
  public DataInterval {
    if (start == null || end == null || end.isBefore(start)) {
      throw new IllegalArgumentException("data interval [" + start + ", " + end + ") is empty");
    }
  }

  /** An interval of one instant, as Airflow's {@code DataInterval.exact}. */
  public static DataInterval exact(Instant at) {
    return new DataInterval(at, at);
  }
}
