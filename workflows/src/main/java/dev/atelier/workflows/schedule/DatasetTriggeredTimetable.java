package dev.atelier.workflows.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * Airflow's {@code DatasetTriggeredTimetable}: a run whenever the condition over the Dag's datasets
 * holds for the events queued since its previous dataset-triggered run; never on a clock.
 */
public final class DatasetTriggeredTimetable implements Timetable {
  private final DatasetCondition condition;

  DatasetTriggeredTimetable(DatasetCondition condition) {
    if (condition == null) {
      throw new IllegalArgumentException("schedule on datasets: the condition is missing");
    }
    this.condition = condition;
  }

  public DatasetCondition condition() {
    return condition;
  }

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
    return "Dataset";
  }

  @Override
  public String description() {
    return "Triggered by datasets: " + condition.describe();
  }
}
