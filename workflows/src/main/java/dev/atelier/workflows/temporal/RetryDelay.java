package dev.atelier.workflows.temporal;

import dev.atelier.workflows.dsl.TaskSpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

/**
 * Airflow's wait before the next try ({@code TaskInstance.next_retry_datetime}): {@code
 * retry_delay}, or with {@code retry_exponential_backoff} a wait between {@code ceil(retry_delay ×
 * 2^(try−1))} and twice that, placed by a SHA-1 hash of {@code dag_id#task_id#logical_date#try}
 * (deterministic, so a replay waits the same), capped at 24 h and at {@code max_retry_delay}. Pure
 * computation, safe in workflow code.
 */
final class RetryDelay {
  static final long MAX_RETRY_DELAY_SECONDS = 86_400;

  private RetryDelay() {}

  /** The wait after try {@code tryNumber} (1 for the first) failed. */
  static Duration after(TaskSpec task, String dagId, String logicalDate, int tryNumber) {
    return after(TryPolicy.of(task), dagId, task.taskId(), logicalDate, tryNumber);
  }

  /** The same for a task known by its policy and id (a trial of a sweep). */
  static Duration after(
      TryPolicy policy, String dagId, String taskId, String logicalDate, int tryNumber) {
    long delay = policy.retryDelaySeconds();
    if (!policy.retryExponentialBackoff()) {
      return Duration.ofSeconds(delay);
    }
    double exact = Math.ceil(delay * Math.pow(2, tryNumber - 1));
    long minBackoff = (long) Math.max(1, Math.min(exact, MAX_RETRY_DELAY_SECONDS));
    String key = dagId + "#" + taskId + "#" + logicalDate + "#" + tryNumber;
    long jitter = sha1(key).mod(BigInteger.valueOf(minBackoff)).longValue();
    long seconds = Math.min(minBackoff + jitter, MAX_RETRY_DELAY_SECONDS);
    if (policy.maxRetryDelaySeconds() != null) {
      seconds = Math.min(seconds, policy.maxRetryDelaySeconds());
    }
    return Duration.ofSeconds(seconds);
  }

  static BigInteger sha1(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      return new BigInteger(1, digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }
}
