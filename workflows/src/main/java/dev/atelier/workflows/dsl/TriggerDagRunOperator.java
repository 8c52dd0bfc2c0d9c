package dev.atelier.workflows.dsl;

import java.util.Map;

/**
 * Airflow's {@code TriggerDagRunOperator}: creates a run of another Dag through the app's run
 * admission, as a REST trigger would (its conf checked against that Dag's params; the run waits,
 * queued, while that Dag is paused or at max_active_runs), pushes the new run's id as the XCom
 * {@code trigger_run_id}, and with {@code wait_for_completion} waits for it and fails if it failed.
 * The triggered run is an independent run (it outlives this one), not a part of it.
 */
public final class TriggerDagRunOperator extends ArgsTask<TriggerDagRunOperator> {
  public TriggerDagRunOperator(String taskId, String triggerDagId) {
    super(taskId);
    arg("trigger_dag_id", triggerDagId);
    arg("conf", Map.of());
    arg("wait_for_completion", false);
  }

  /** The triggered run's conf; values may be params or XComArgs of this run. */
  public TriggerDagRunOperator conf(Map<String, Object> conf) {
    return arg("conf", conf);
  }

  /** The triggered run's id; by default {@code manual__<logical date>} as Airflow makes it. */
  public TriggerDagRunOperator triggerRunId(String runId) {
    return arg("trigger_run_id", runId);
  }

  public TriggerDagRunOperator waitForCompletion(boolean wait) {
    return arg("wait_for_completion", wait);
  }

  /**
   * Airflow's {@code poke_interval} (default 60 s): how often a {@code wait_for_completion} try
   * looks at the triggered run's state.
   */
  public TriggerDagRunOperator pokeInterval(java.time.Duration interval) {
    if (interval == null || interval.toSeconds() < 1) {
      throw new IllegalArgumentException(
          "TriggerDagRunOperator '"
              + taskId()
              + "': poke_interval must be at least 1 s, got "
              + interval);
    }
    return arg("poke_interval", interval.toSeconds());
  }

  @Override
  public String operator() {
    return "TriggerDagRunOperator";
  }

  @Override
  public TaskKind kind() {
    return TaskKind.TRIGGER_DAG_RUN;
  }
}
