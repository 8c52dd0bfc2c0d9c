package dev.atelier.ui.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Waits for something the scheduler does on its own; fails with what was last seen. */
public final class Eventually {
  private Eventually() {}

  public static <T> T await(
      String what, Duration limit, Supplier<T> probe, java.util.function.Predicate<T> done)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    T last = probe.get();
    while (!done.test(last)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "not within " + limit.toSeconds() + " s: " + what + "; last seen: " + last);
      }
      Thread.sleep(250);
      last = probe.get();
    }
    return last;
  }
}
