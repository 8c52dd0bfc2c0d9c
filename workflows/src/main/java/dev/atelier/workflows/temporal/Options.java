package dev.atelier.workflows.temporal;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import java.util.List;

/**
 * Timeouts and retries of every activity the workflows call, in one place so they can be judged
 * together. Bookkeeping (persistence, MLflow parent runs) is short and retried for up to {@link
 * #BOOKKEEPING_LIMIT}, backing off to once every 30 s, so a database or MLflow restart, or an
 * outage of most of an hour, only delays a run; a longer one fails it, and the app's {@code
 * RunReconciler} sets the row as Temporal ended it once the database is back. Airflow-level retries
 * of operator tasks are the workflow's loop (see {@code OperatorTaskRunner}), so those activities
 * are tried once per Airflow try.
 */
final class Options {
  static final Duration DEFAULT_TRY_LIMIT = Duration.ofHours(24);

  /** How long one bookkeeping write is retried before the run gives up on it. */
  static final Duration BOOKKEEPING_LIMIT = Duration.ofHours(1);

  /** Bookkeeping's retries, the same whether it runs as an ordinary or a local activity. */
  private static final RetryOptions BOOKKEEPING_RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setMaximumInterval(Duration.ofSeconds(30))
          .build();

  /**
   * What a trial's launch fails with when the request itself is bad: Temporal does not retry it,
   * and neither do the task's Airflow retries (another try would be refused the same way).
   */
  static final List<String> LAUNCH_REFUSALS = List.of("BadSpec", "BadDataset");

  private Options() {}

  static ActivityOptions bookkeeping() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setScheduleToCloseTimeout(BOOKKEEPING_LIMIT)
        .setRetryOptions(BOOKKEEPING_RETRY)
        .build();
  }

  /**
   * The same bookkeeping as a local activity: the worker runs it within the workflow task that asks
   * for it, so a write costs its database time, not a server round trip. Retried in the worker
   * (later attempts on a timer) as the ordinary activity was.
   */
  static LocalActivityOptions bookkeepingLocal() {
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setScheduleToCloseTimeout(BOOKKEEPING_LIMIT)
        .setRetryOptions(BOOKKEEPING_RETRY)
        .build();
  }

  /**
   * One Airflow try of an operator or task function: never retried by Temporal (the workflow's loop
   * is Airflow's retries). {@code execution_timeout} is the activity's start-to-close timeout, so a
   * try that runs longer fails with a timeout; without one a try may run a day (Temporal needs a
   * bound to notice a lost worker).
   */
  static ActivityOptions taskTry(Long executionTimeoutSeconds) {
    Duration limit =
        executionTimeoutSeconds == null
            ? DEFAULT_TRY_LIMIT
            : Duration.ofSeconds(executionTimeoutSeconds);
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(limit)
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build();
  }

  /**
   * A try that runs something outside the worker (a Kubernetes Job): like {@link #taskTry}, plus a
   * heartbeat, so a lost worker is noticed within 20 s and a cancel or an {@code execution_timeout}
   * reaches the activity, which then deletes its Job. The run waits for that clean-up, as it waits
   * for a trial's.
   */
  static ActivityOptions heartbeatingTaskTry(Long executionTimeoutSeconds) {
    // Heartbeats reach the server at most every 0.8 × this timeout, and a cancel is delivered only
    // in a heartbeat's answer: 20 s bounds how long a cancelled Job keeps its GPU to about 16 s.
    return ActivityOptions.newBuilder(taskTry(executionTimeoutSeconds))
        .setHeartbeatTimeout(Duration.ofSeconds(20))
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .build();
  }

  /** One look by a sensor: quick, and a failure fails the try (Airflow's retries apply). */
  static ActivityOptions poke() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(10))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build();
  }

  /** Handing a request to a pool: quick, retried briefly; an unknown pool fails at once. */
  static LocalActivityOptions poolRequest() {
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(10))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setMaximumInterval(Duration.ofSeconds(10))
                .setMaximumAttempts(20)
                .setDoNotRetry("UnknownPool", "PoolTooSmall")
                .build())
        .build();
  }

  /**
   * A launch takes seconds (an MLflow run, a spec, a Job; for PBT a checkpoint copy); three minutes
   * bounds how long a launch lost with its worker holds up the trial before it is tried again.
   */
  static ActivityOptions launchTrial() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(3))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(5))
                .setMaximumAttempts(3)
                .setDoNotRetry(LAUNCH_REFUSALS.toArray(String[]::new))
                .build())
        .build();
  }

  /**
   * A trial may train for hours; a lost worker shows as a missed heartbeat within a minute, and the
   * retry re-attaches to the same job. A trial's own failure is an outcome, not an exception, so it
   * is never retried here. TRY_CANCEL: on cancellation the workflow goes on to {@code cancelTrial}
   * at once instead of waiting for the next heartbeat to deliver it.
   */
  static ActivityOptions awaitTrial() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofHours(24))
        .setHeartbeatTimeout(Duration.ofSeconds(60))
        .setCancellationType(ActivityCancellationType.TRY_CANCEL)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(5))
                .setMaximumAttempts(3)
                .build())
        .build();
  }

  static ActivityOptions cancelTrial() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(5))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(2))
                .setMaximumAttempts(5)
                .build())
        .build();
  }
}
