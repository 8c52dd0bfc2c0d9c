package dev.atelier.workflows.dsl;

import java.time.Duration;

/**
 * Airflow's {@code TimeDeltaSensor}: waits until {@code data_interval_end + delta}. The engine
 * decides it from workflow time alone, sleeping once until the target (capped by the timeout),
 * without any activity.
 */
public final class TimeDeltaSensor extends BaseSensor<TimeDeltaSensor> {
  public TimeDeltaSensor(String taskId, Duration delta) {
    super(taskId);
    arg("delta_seconds", delta.toSeconds());
  }

  @Override
  protected String sensorType() {
    return "time_delta";
  }

  @Override
  public String operator() {
    return "TimeDeltaSensor";
  }
}
