package dev.atelier.bench.cluster;

import java.time.Instant;

/**
 * Wall-clock time in microseconds since the epoch: the one clock the driver and its observer
 * process (a second JVM on the same machine) both stamp events with, so their times compare.
 */
final class Micros {
  private Micros() {}

  static long now() {
    Instant t = Instant.now();
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }
}
