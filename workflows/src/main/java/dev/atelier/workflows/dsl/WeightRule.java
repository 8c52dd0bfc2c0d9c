package dev.atelier.workflows.dsl;

/**
 * Airflow's {@code weight_rule}: how a task's effective priority weight is computed from its own
 * {@code priority_weight}: plus every downstream task's ({@code downstream}, the default, so tasks
 * early in a long chain go first), plus every upstream task's ({@code upstream}), or its own alone
 * ({@code absolute}).
 */
public enum WeightRule {
  DOWNSTREAM("downstream"),
  UPSTREAM("upstream"),
  ABSOLUTE("absolute");

  private final String value;

  WeightRule(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return value;
  }
}
