package dev.atelier.workflows.temporal;

import dev.atelier.workflows.dsl.TaskSpec;

/**
 * A task's Airflow try settings, resolved against the Dag's default_args, as a trial carries them
 * to its own workflow: how many failed tries are tried again, the wait before each ({@link
 * RetryDelay}), and how long one try may run.
 *
 * @param maxRetryDelaySeconds the cap of an exponential wait, or null for Airflow's 24 h
 * @param executionTimeoutSeconds the longest one try may run, or null for no limit
 */
public record TryPolicy(
    int retries,
    long retryDelaySeconds,
    boolean retryExponentialBackoff,
    Long maxRetryDelaySeconds,
    Long executionTimeoutSeconds) {

  /** No retries and no limit: what a trial started before trials had a policy ran under. */
  static final TryPolicy NONE = new TryPolicy(0, 0, false, null, null);

  static TryPolicy of(TaskSpec task) {
    return new TryPolicy(
        task.retries(),
        task.retryDelaySeconds(),
        task.retryExponentialBackoff(),
        task.maxRetryDelaySeconds(),
        task.executionTimeoutSeconds());
  }

  /** The policy, or {@link #NONE} where an input from an older history has none. */
  static TryPolicy orNone(TryPolicy policy) {
    return policy == null ? NONE : policy;
  }
}
