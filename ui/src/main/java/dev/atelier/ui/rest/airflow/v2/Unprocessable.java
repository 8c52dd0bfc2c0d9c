package dev.atelier.ui.rest.airflow.v2;

import java.util.List;

/** A v2 request with bad input: every violation found, answered 422 by {@link V2ErrorMapper}. */
public class Unprocessable extends RuntimeException {
  private final List<Violation> violations;

  public Unprocessable(List<Violation> violations) {
    super(String.join("; ", violations.stream().map(Violation::msg).toList()));
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
