package dev.atelier.trainers.spec;

import java.util.List;

/** A spec that breaks one or more rules; {@link #violations()} names each field, value and rule. */
public final class BadSpecException extends Exception {
  private final List<String> violations;

  public BadSpecException(List<String> violations) {
    super(String.join("; ", violations));
    this.violations = List.copyOf(violations);
  }

  public List<String> violations() {
    return violations;
  }
}
