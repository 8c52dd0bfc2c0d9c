package dev.atelier.workflows.data;

/** A dataset reference that cannot be used; the message names the field, the value and the rule. */
public final class InvalidDatasetRefException extends IllegalArgumentException {
  public InvalidDatasetRefException(String message) {
    super(message);
  }
}
