package dev.atelier.workflows.dsl;

import java.util.List;

/** A Dag definition is malformed; one message per problem, all found at once. */
public class DagValidationException extends RuntimeException {
  private final String dagId;
  private final List<String> violations;

  public DagValidationException(String dagId, List<String> violations) {
    super("Dag " + dagId + " is invalid: " + String.join("; ", violations));
    this.dagId = dagId;
    this.violations = List.copyOf(violations);
  }

  public String dagId() {
    return dagId;
  }

  public List<String> violations() {
    return violations;
  }
}
