package dev.atelier.workflows.dsl;

import java.time.Duration;

/**
 * Airflow's {@code default_args}: what every task of the Dag gets unless it says otherwise.
 *
 * @param owner shown in the UI, as Airflow's {@code owner}
 * @param retries how many times a failed task instance is tried again
 * @param retryDelay the wait before each retry (Airflow's default 300 s)
 * @param retryExponentialBackoff whether the wait doubles with each try (with Airflow's jitter)
 * @param maxRetryDelay the cap of an exponential wait, or null for none (Airflow caps at 24 h)
 * @param executionTimeout the longest one try may run, or null for no limit
 * @param pool the pool every task uses unless it names another, or null for no pool
 * @param triggerRule the rule of every task that sets none, or null for {@code all_success}
 * @param weightRule how priority weights combine, or null for {@code downstream}
 */
public record DefaultArgs(
    String owner,
    int retries,
    Duration retryDelay,
    boolean retryExponentialBackoff,
    Duration maxRetryDelay,
    Duration executionTimeout,
    String pool,
    TriggerRule triggerRule,
    WeightRule weightRule) {

  public DefaultArgs(String owner, int retries, Duration retryDelay) {
    this(owner, retries, retryDelay, false, null, null, null, null, null);
  }

  /** Airflow's defaults: owner "airflow" is ours "atelier"; no retries; 300 s delay. */
  public static DefaultArgs defaults() {
    return new DefaultArgs("atelier", 0, Duration.ofSeconds(300));
  }

  public DefaultArgs withRetries(int n) {
    return new DefaultArgs(
        owner,
        n,
        retryDelay,
        retryExponentialBackoff,
        maxRetryDelay,
        executionTimeout,
        pool,
        triggerRule,
        weightRule);
  }

  public DefaultArgs withRetryDelay(Duration delay) {
    return new DefaultArgs(
        owner,
        retries,
        delay,
        retryExponentialBackoff,
        maxRetryDelay,
        executionTimeout,
        pool,
        triggerRule,
        weightRule);
  }

  public DefaultArgs withOwner(String name) {
    return new DefaultArgs(
        name,
        retries,
        retryDelay,
        retryExponentialBackoff,
        maxRetryDelay,
        executionTimeout,
        pool,
        triggerRule,
        weightRule);
  }

  public DefaultArgs withRetryExponentialBackoff(boolean on, Duration cap) {
    return new DefaultArgs(
        owner, retries, retryDelay, on, cap, executionTimeout, pool, triggerRule, weightRule);
  }

  public DefaultArgs withExecutionTimeout(Duration limit) {
    return new DefaultArgs(
        owner,
        retries,
        retryDelay,
        retryExponentialBackoff,
        maxRetryDelay,
        limit,
        pool,
        triggerRule,
        weightRule);
  }

  public DefaultArgs withPool(String name) {
    return new DefaultArgs(
        owner,
        retries,
        retryDelay,
        retryExponentialBackoff,
        maxRetryDelay,
        executionTimeout,
        name,
        triggerRule,
        weightRule);
  }

  public DefaultArgs withTriggerRule(TriggerRule rule) {
    return new DefaultArgs(
        owner,
        retries,
        retryDelay,
        retryExponentialBackoff,
        maxRetryDelay,
        executionTimeout,
        pool,
        rule,
        weightRule);
  }

  public DefaultArgs withWeightRule(WeightRule rule) {
    return new DefaultArgs(
        owner,
        retries,
        retryDelay,
        retryExponentialBackoff,
        maxRetryDelay,
        executionTimeout,
        pool,
        triggerRule,
        rule);
  }

  TriggerRule triggerRuleOrDefault() {
    return triggerRule != null ? triggerRule : TriggerRule.ALL_SUCCESS;
  }

  WeightRule weightRuleOrDefault() {
    return weightRule != null ? weightRule : WeightRule.DOWNSTREAM;
  }
}
