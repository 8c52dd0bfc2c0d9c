package dev.atelier.workflows.dsl;

/** How the engine runs a task. */
public enum TaskKind {
  /** {@link EmptyOperator}: succeeds without running anything. */
  EMPTY,
  /** {@link ActivityOperator}: one activity of a named type per task instance. */
  ACTIVITY,
  /** {@link TrainOperator}: a sweep of training trials, one per mapped instance. */
  TRAIN,
  /** {@link FunctionTask}: a registered Java function, run by the RunTaskFunction activity. */
  FUNCTION,
  /** {@link BranchOperator}: a function choosing which downstream tasks run. */
  BRANCH,
  /** {@link ShortCircuitOperator}: a function whose falsy result skips what is downstream. */
  SHORT_CIRCUIT,
  /** A sensor: waits (poking or rescheduling) until a condition holds; see {@link SensorSpec}. */
  SENSOR,
  /** {@link TriggerDagRunOperator}: starts a run of another Dag (and may wait for it). */
  TRIGGER_DAG_RUN,
  /**
   * {@link ReviewOperator}: waits, holding no worker, until a person approves a candidate or
   * rejects (Airflow 3.1's human-in-the-loop {@code ApprovalOperator}).
   */
  REVIEW
}
