package dev.atelier.workflows.dsl;

import java.time.Duration;
import java.util.List;

/**
 * Airflow's {@code ExternalTaskSensor}: waits for a task of another Dag (or, with a null task id,
 * the whole run) in the run whose logical date is this run's minus {@code execution_delta}, to
 * reach one of {@code allowed_states} (default {@code success}); one of {@code failed_states} fails
 * the sensor. Each poke is the {@code PokeExternalTask} activity, which reads the recorded task
 * instances.
 */
public final class ExternalTaskSensor extends BaseSensor<ExternalTaskSensor> {
  public ExternalTaskSensor(String taskId, String externalDagId, String externalTaskId) {
    super(taskId);
    arg("external_dag_id", externalDagId);
    arg("external_task_id", externalTaskId);
    arg("allowed_states", List.of("success"));
    arg("failed_states", List.of());
    arg("execution_delta_seconds", 0L);
  }

  public ExternalTaskSensor allowedStates(String... states) {
    return arg("allowed_states", List.of(states));
  }

  public ExternalTaskSensor failedStates(String... states) {
    return arg("failed_states", List.of(states));
  }

  /** How far before this run's logical date the watched run's logical date is. */
  public ExternalTaskSensor executionDelta(Duration delta) {
    return arg("execution_delta_seconds", delta.toSeconds());
  }

  @Override
  protected String sensorType() {
    return "external_task";
  }

  @Override
  public String operator() {
    return "ExternalTaskSensor";
  }

  @Override
  protected void check(String dagId, Params params, List<String> violations) {
    super.check(dagId, params, violations);
    for (String key : List.of("allowed_states", "failed_states")) {
      for (Object s : (List<?>) args().get(key)) {
        try {
          TaskState.fromValue(String.valueOf(s));
        } catch (IllegalArgumentException e) {
          violations.add(
              "Task '" + taskId() + "': " + key + " has " + Values.show(s) + ", not a task state");
        }
      }
    }
  }
}
