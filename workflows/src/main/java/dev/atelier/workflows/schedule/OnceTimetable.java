package dev.atelier.workflows.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * Airflow's {@code @once}: one run, at the Dag's start_date, whatever catchup says; none after an
 * end_date, none once a scheduled run exists.
 */
public final class OnceTimetable implements Timetable {

  @Override
  public Optional<DagRunInfo> nextDagRunInfo(
      DataInterval lastAutomated, TimeRestriction restriction, Instant now) {
    if (lastAutomated != null) {
      return Optional.empty();
    }
    return runFiredAt(now, restriction);
  }

  @Override
  public DataInterval inferManualDataInterval(Instant runAfter) {
    return DataInterval.exact(runAfter);
  }

  /** Whenever it fires, the one run is at start_date. */
  @Override
  public Optional<DagRunInfo> runFiredAt(Instant fire, TimeRestriction restriction) {
    Instant at = restriction.earliest();
    if (at == null || restriction.latest() != null && at.isAfter(restriction.latest())) {
      return Optional.empty();
    }
    return Optional.of(DagRunInfo.exact(at));
  }

  @Override
  public String summary() {
    return "@once";
  }

  @Override
  public String description() {
    return "Once, as soon as possible";
  }
}
