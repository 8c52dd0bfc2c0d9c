package dev.atelier.workflows.temporal;

import dev.atelier.workflows.dsl.SensorSpec;
import java.math.BigInteger;
import java.time.Duration;

/**
 * The wait before a sensor's next poke, as Airflow's {@code _get_next_poke_interval}: {@code
 * poke_interval}, or with {@code exponential_backoff} a wait from {@code poke_interval ×
 * 2^(poke−2)} up to twice that, placed by a SHA-1 hash of {@code dag_id#task_id#started#poke};
 * never past the sensor's timeout.
 */
final class PokeInterval {
  private PokeInterval() {}

  static Duration next(
      SensorSpec s, String dagId, String taskId, long startedMillis, int poke, long leftMillis) {
    long seconds = s.pokeIntervalSeconds();
    if (s.exponentialBackoff()) {
      long minBackoff =
          Math.max(1, (long) Math.min(seconds * Math.pow(2, poke - 2), Long.MAX_VALUE / 4));
      String key = dagId + "#" + taskId + "#" + startedMillis + "#" + poke;
      seconds = minBackoff + RetryDelay.sha1(key).mod(BigInteger.valueOf(minBackoff)).longValue();
    }
    return Duration.ofMillis(Math.max(1_000, Math.min(seconds * 1000, leftMillis)));
  }
}
