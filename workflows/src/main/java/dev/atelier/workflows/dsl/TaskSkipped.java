package dev.atelier.workflows.dsl;

/** Thrown by a task function to end its task instance skipped: Airflow's AirflowSkipException. */
public class TaskSkipped extends RuntimeException {
  public TaskSkipped(String reason) {
    super(reason);
  }
}
