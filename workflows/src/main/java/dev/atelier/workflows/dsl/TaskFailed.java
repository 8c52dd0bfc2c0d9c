package dev.atelier.workflows.dsl;

/**
 * Thrown by a task function to fail its task instance at once, without using the retries left:
 * Airflow's AirflowFailException.
 */
public class TaskFailed extends RuntimeException {
  public TaskFailed(String reason) {
    super(reason);
  }
}
