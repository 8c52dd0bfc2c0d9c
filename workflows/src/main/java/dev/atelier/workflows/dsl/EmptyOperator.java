package dev.atelier.workflows.dsl;

/** Airflow's {@code EmptyOperator}: a node in the graph that succeeds without running anything. */
public final class EmptyOperator extends Task {
  public EmptyOperator(String taskId) {
    super(taskId);
  }

  @Override
  public String operator() {
    return "EmptyOperator";
  }

  @Override
  public TaskKind kind() {
    return TaskKind.EMPTY;
  }
}
