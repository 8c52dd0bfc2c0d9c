package dev.atelier.workflows.dsl;

/** How the engine runs a task: not at all, as one activity, or as a sweep of trials. */
public enum TaskKind {
  /** {@link EmptyOperator}: succeeds without running anything. */
  EMPTY,
  /** {@link ActivityOperator}: one activity of a named type per task instance. */
  ACTIVITY,
  /** {@link TrainOperator}: a sweep of training trials, one per mapped instance. */
  TRAIN
}
