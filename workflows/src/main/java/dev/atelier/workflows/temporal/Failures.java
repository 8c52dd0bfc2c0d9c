package dev.atelier.workflows.temporal;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
import java.util.Collection;

/** Turns Temporal's failure chains into what a user should read in a task's note. */
final class Failures {
  private Failures() {}

  /** The innermost meaningful message: the activity's own words, or which timeout fired. */
  static String reason(Throwable failure) {
    Throwable t = failure;
    while (t instanceof ActivityFailure || t instanceof ChildWorkflowFailure) {
      if (t.getCause() == null) {
        break;
      }
      t = t.getCause();
    }
    if (t instanceof ApplicationFailure app) {
      return app.getOriginalMessage();
    }
    if (t instanceof TimeoutFailure timeout) {
      return "timed out (" + timeout.getTimeoutType() + ")";
    }
    if (t instanceof TemporalFailure tf) {
      return tf.getOriginalMessage();
    }
    return String.valueOf(t.getMessage());
  }

  /** What a try that outlived its {@code execution_timeout} reads, in Airflow's words. */
  static String executionTimeout(long limitSeconds) {
    return "AirflowTaskTimeout: the try ran longer than its execution_timeout of "
        + limitSeconds
        + " s";
  }

  /** Whether retrying cannot help (the activity said so, e.g. a missing dataset). */
  static boolean nonRetryable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app && app.isNonRetryable()) {
        return true;
      }
    }
    return false;
  }

  /** Whether an application failure in the chain has one of these types. */
  static boolean ofType(Throwable failure, Collection<String> types) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app && types.contains(app.getType())) {
        return true;
      }
    }
    return false;
  }

  static boolean cancellation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CanceledFailure) {
        return true;
      }
    }
    return false;
  }
}
