package dev.atelier.workflows.dsl;

import java.util.Map;

/**
 * Airflow's {@code TriggerDagRunOperator}: starts a run of another Dag (its conf checked against
 * that Dag's params first), pushes the new run's id as the XCom {@code trigger_run_id}, and with
 * {@code wait_for_completion} waits for it and fails if it failed. The triggered run is an
 * independent run (it outlives this one), not a part of it.
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

  @Override
  public String operator() {
    return "TriggerDagRunOperator";
  }

  @Override
  public TaskKind kind() {
    return TaskKind.TRIGGER_DAG_RUN;
  }
}
