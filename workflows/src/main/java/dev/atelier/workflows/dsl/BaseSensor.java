package dev.atelier.workflows.dsl;

import java.time.Duration;
import java.util.List;

/**
 * Airflow's {@code BaseSensorOperator}: pokes until its condition holds. In {@code poke} mode
 * (default) the instance stays {@code running} and keeps its pool slot between pokes; in {@code
 * reschedule} mode it gives the slot back and shows {@code up_for_reschedule} while it waits.
 * Either way the wait is a durable Temporal timer, so no worker thread is held (what Airflow's
 * reschedule mode and deferrable sensors exist for). Past {@code timeout} (default 7 days, counted
 * from the try's first poke) the sensor fails, or is skipped with {@code soft_fail}; a sensor
 * timeout is not retried, as in Airflow.
 *
 * @param <T> the concrete sensor, so settings chain with their type
 */
public abstract class BaseSensor<T extends BaseSensor<T>> extends ArgsTask<T> {
  public static final List<String> MODES = List.of("poke", "reschedule");

  private String mode = "poke";
  private Duration pokeInterval = Duration.ofSeconds(60);
  private Duration timeout = Duration.ofDays(7);
  private boolean softFail;
  private boolean exponentialBackoff;

  protected BaseSensor(String taskId) {
    super(taskId);
  }

  /** {@code poke} or {@code reschedule}. */
  public T mode(String value) {
    this.mode = value;
    return self();
  }

  public T pokeInterval(Duration value) {
    this.pokeInterval = value;
    return self();
  }

  public T timeout(Duration value) {
    this.timeout = value;
    return self();
  }

  public T softFail(boolean value) {
    this.softFail = value;
    return self();
  }

  /** Airflow's {@code exponential_backoff}: the wait between pokes grows, with hashed jitter. */
  public T exponentialBackoff(boolean value) {
    this.exponentialBackoff = value;
    return self();
  }

  /** What the sensor watches: {@code time_delta}, {@code external_task}, {@code dataset}, … */
  protected abstract String sensorType();

  @Override
  public TaskKind kind() {
    return TaskKind.SENSOR;
  }

  @Override
  boolean canSkipItself() {
    return softFail;
  }

  @Override
  protected void check(String dagId, Params params, List<String> violations) {
    String at = "Task '" + taskId() + "': ";
    if (!MODES.contains(mode)) {
      violations.add(at + "mode " + Values.show(mode) + " is not one of " + MODES);
    }
    if (pokeInterval == null || pokeInterval.toSeconds() < 1) {
      violations.add(at + "poke_interval must be at least 1 s, got " + pokeInterval);
    }
    if (timeout == null || timeout.toSeconds() < 1) {
      violations.add(at + "timeout must be at least 1 s, got " + timeout);
    }
  }

  @Override
  protected TaskSpec.Extras extras(String dagId) {
    return new TaskSpec.Extras(
        callable(dagId),
        false,
        new SensorSpec(
            sensorType(),
            mode,
            pokeInterval.toSeconds(),
            timeout.toSeconds(),
            softFail,
            exponentialBackoff));
  }

  /** The registered function a function sensor pokes with; null for the others. */
  protected String callable(String dagId) {
    return null;
  }
}
