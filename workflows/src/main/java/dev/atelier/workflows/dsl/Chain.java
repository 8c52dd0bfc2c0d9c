package dev.atelier.workflows.dsl;

/**
 * Airflow's {@code chain(a, b, c)}: {@code a >> b >> c} for any number of tasks or groups; use
 * {@link Node#all} for a list step ({@code chain(a, [b, c], d)}).
 */
public final class Chain {
  private Chain() {}

  public static void chain(Node... nodes) {
    for (int i = 1; i < nodes.length; i++) {
      nodes[i - 1].then(nodes[i]);
    }
  }
}
