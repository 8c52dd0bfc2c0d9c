package dev.atelier.workflows.schedule;

import java.time.Instant;
import java.util.Optional;

/** Airflow's {@code schedule=None}: only manual (or API) triggers. */
public final class NullTimetable implements Timetable {

  @Override
  public Optional<DagRunInfo> nextDagRunInfo(
      DataInterval lastAutomated, TimeRestriction restriction, Instant now) {
    return Optional.empty();
  }

  @Override
  public DataInterval inferManualDataInterval(Instant runAfter) {
    return DataInterval.exact(runAfter);
  }

  @Override
  public Optional<DagRunInfo> runFiredAt(Instant fire, TimeRestriction restriction) {
    return Optional.empty();
  }

  @Override
  public String summary() {
    return null;
  }

  @Override
  public String description() {
    return "Never, external triggers only";
  }
}
