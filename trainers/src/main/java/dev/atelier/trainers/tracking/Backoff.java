package dev.atelier.trainers.tracking;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with jitter for retrying a tracking server that is down: the n-th
 * consecutive failure waits a random time between half and all of {@code min(cap, first *
 * 2^(n-1))}, so trainers that lost the same server do not all come back in the same instant.
 */
record Backoff(Duration first, Duration cap) {
  /** 0.5 s, 1 s, 2 s, 4 s, then 8 s at most: a recovered server is seen within about 8 s. */
  static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8));

  /**
   * @param failures consecutive failures so far, at least 1
   */
  Duration delay(int failures) {
    int doublings = Math.min(Math.max(failures, 1) - 1, 30);
    long full = Math.min(cap.toMillis(), first.toMillis() << Math.min(doublings, 20));
    long half = full / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(full - half + 1));
  }
}
