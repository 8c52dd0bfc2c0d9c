package dev.atelier.activities.datasets;

/** A dataset that cannot be trained on; the message names the field, the value and the rule. */
public final class BadDatasetException extends RuntimeException {
  public BadDatasetException(String message) {
    super(message);
  }
}
