package dev.atelier.activities.jobs;

import java.time.Duration;
import java.util.Optional;

/** Starts trainer jobs and follows them to one of three endings. */
public interface JobLauncher {
  /** Starts the job, or finds it if a job of this name was already launched. */
  JobId launch(JobSpec spec);

  /** The job's ending, or empty while it still runs. */
  Optional<JobOutcome> status(JobId id);

  /** Stops the job and removes it; a job that is already gone is fine. */
  void delete(JobId id);

  /** The last lines the trainer printed, or "" when none can be read. */
  String logs(JobId id, int lines);

  /**
   * Polls {@link #status} until the job ends, running {@code betweenPolls} after each poll (where
   * an activity heartbeats; an exception from it stops the wait and propagates).
   */
  default JobOutcome awaitCompletion(JobId id, Duration pollEvery, Runnable betweenPolls) {
    while (true) {
      Optional<JobOutcome> outcome = status(id);
      if (outcome.isPresent()) {
        return outcome.get();
      }
      betweenPolls.run();
      try {
        Thread.sleep(pollEvery.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for job " + id, e);
      }
    }
  }
}
