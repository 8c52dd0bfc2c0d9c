package dev.atelier.activities.jobs;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The waiting rule both launchers share: poll until an ending; the startup clock runs only while
 * the job is PENDING and starts again from zero whenever it is QUEUED or RUNNING, so a Job waiting
 * for Kueue quota waits as long as it takes, and one that Kueue evicts and admits again gets a
 * fresh startup allowance.
 */
final class JobWait {
  private JobWait() {}

  static JobState until(
      JobLauncher launcher,
      JobId id,
      Optional<Duration> startupTimeout,
      Duration pollEvery,
      Consumer<JobState> betweenPolls) {
    Long pendingSince = null;
    while (true) {
      JobState state = launcher.state(id);
      if (state.ended()) {
        return state;
      }
      if (state.phase() == JobState.Phase.PENDING) {
        long now = System.nanoTime();
        pendingSince = pendingSince == null ? now : pendingSince;
        if (startupTimeout.isPresent() && now - pendingSince >= startupTimeout.get().toNanos()) {
          launcher.delete(id);
          throw new JobStartupTimeoutException(
              "Job "
                  + id.name()
                  + ": pod did not start within startup_timeout_seconds="
                  + startupTimeout.get().toSeconds()
                  + ": "
                  + state.reason(),
              state);
        }
      } else {
        pendingSince = null;
      }
      betweenPolls.accept(state);
      try {
        Thread.sleep(pollEvery.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for job " + id, e);
      }
    }
  }
}
