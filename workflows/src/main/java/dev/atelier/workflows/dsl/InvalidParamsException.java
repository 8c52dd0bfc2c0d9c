package dev.atelier.workflows.dsl;

import java.util.List;

/** A run's conf broke the Dag's params schema; one message per violation. */
public class InvalidParamsException extends RuntimeException {
  private final List<String> violations;

  public InvalidParamsException(String dagId, List<String> violations) {
    super("Invalid conf for Dag " + dagId + ": " + String.join("; ", violations));
    this.violations = List.copyOf(violations);
  }

  public List<String> violations() {
    return violations;
  }
}
