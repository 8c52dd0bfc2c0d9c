package dev.atelier.trainers.tracking;

/**
 * A request to the tracking server that did not succeed. Permanent when the server answered a 4xx
 * other than 429 (it read the request and refused it: sending it again gets the same answer);
 * otherwise (no connection, a timeout, 5xx, 429) the server may take it later.
 */
final class DeliveryFailure extends Exception {
  private final int status;

  private DeliveryFailure(String message, int status) {
    super(message);
    this.status = status;
  }

  static DeliveryFailure unreachable(String what, Throwable cause) {
    return new DeliveryFailure(what + ": " + cause, 0);
  }

  static DeliveryFailure answered(String what, int status, String body) {
    String text = body == null ? "" : body.strip();
    if (text.length() > 500) {
      text = text.substring(0, 497) + "...";
    }
    return new DeliveryFailure(what + ": HTTP " + status + " " + text, status);
  }

  /** The HTTP status, 0 when there was no answer. */
  int status() {
    return status;
  }

  boolean permanent() {
    return status >= 400 && status < 500 && status != 429;
  }
}
