package dev.atelier.workflows.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * Airflow's {@code AssetTriggeredTimetable}: a run whenever the condition over the Dag's datasets
 * holds for the events queued since its previous dataset-triggered run; never on a clock.
 */
@SuppressWarnings("deprecation")
public final class AssetTriggeredTimetable implements Timetable {
  private final AssetCondition condition;

  AssetTriggeredTimetable(AssetCondition condition) {
    if (condition == null) {
      throw new IllegalArgumentException("schedule on assets: the condition is missing");
    }
    this.condition = condition;
  }

  public AssetCondition condition() {
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
    return condition instanceof DatasetCondition ? "Dataset" : "Asset";
  }

  @Override
  public String description() {
    return (condition instanceof DatasetCondition
            ? "Triggered by datasets: "
            : "Triggered by assets: ")
        + condition.describe();
  }
}
