package dev.atelier.workflows.dsl;

/** Airflow's {@code chain(a, b, c)}: {@code a >> b >> c} for any number of tasks. */
public final class Chain {
  private Chain() {}

  public static void chain(Task... tasks) {
    for (int i = 1; i < tasks.length; i++) {
      tasks[i - 1].then(tasks[i]);
    }
  }
}
