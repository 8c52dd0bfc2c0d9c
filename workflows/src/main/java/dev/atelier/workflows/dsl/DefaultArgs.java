package dev.atelier.workflows.dsl;

import java.time.Duration;

/**
 * Airflow's {@code default_args}: what every task of the Dag gets unless it says otherwise.
 *
 * @param owner shown in the UI, as Airflow's {@code owner}
 * @param retries how many times a failed task instance is tried again
 * @param retryDelay the wait before each retry
 */
public record DefaultArgs(String owner, int retries, Duration retryDelay) {
  /** Airflow's defaults: owner "airflow" is ours "atelier"; no retries; 300 s delay. */
  public static DefaultArgs defaults() {
    return new DefaultArgs("atelier", 0, Duration.ofSeconds(300));
  }

  public DefaultArgs withRetries(int n) {
    return new DefaultArgs(owner, n, retryDelay);
  }

  public DefaultArgs withRetryDelay(Duration delay) {
    return new DefaultArgs(owner, retries, delay);
  }

  public DefaultArgs withOwner(String name) {
    return new DefaultArgs(name, retries, retryDelay);
  }
}
