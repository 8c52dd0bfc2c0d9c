package dev.atelier.trainers.train;

/**
 * The real batch is not what the models take (layout, type or value range); the message says what
 * was found and what is needed. A fault of the trainer's data path, not of the spec.
 */
public final class InputLayoutException extends RuntimeException {
  InputLayoutException(String message) {
    super(message);
  }
}
