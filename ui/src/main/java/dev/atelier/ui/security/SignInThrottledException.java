package dev.atelier.ui.security;

import java.time.Duration;

/**
 * A sign-in refused before its password was checked, because its user name or client address failed
 * too often lately. Not an {@code AuthenticationFailedException}, on purpose: Quarkus turns those
 * into a 401 challenge, while this one reaches {@link ThrottledAnswer} as a 429.
 */
public class SignInThrottledException extends RuntimeException {
  private final Duration retryAfter;

  public SignInThrottledException(Duration retryAfter, int limit, Duration window) {
    super(
        "Too many failed sign-ins: "
            + limit
            + " within "
            + window.toSeconds()
            + " s for this user name or client address; try again in "
            + seconds(retryAfter)
            + " s");
    this.retryAfter = retryAfter;
  }

  /** Whole seconds to wait, as the Retry-After header says it (never 0). */
  public long retryAfterSeconds() {
    return seconds(retryAfter);
  }

  private static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }
}
