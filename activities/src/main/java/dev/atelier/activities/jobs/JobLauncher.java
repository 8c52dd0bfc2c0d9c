package dev.atelier.activities.jobs;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The one way Atelier runs a job, for sweep trials and KubernetesJobOperator tries alike: a
 * Kubernetes batch/v1 Job ({@link KubernetesJobLauncher}, whose javadoc lists the exact API calls
 * it makes: {@link KubernetesJobLauncher#API_CALLS}) or a child process of this worker ({@link
 * LocalProcessJobLauncher}). Both take the same {@link JobRequest} and report the same {@link
 * JobState}s, so an activity does not care where its job ran.
 */
public interface JobLauncher {
  /**
   * Starts the job, or finds the one an earlier attempt of the same try started (same name, and
   * marked with the same launch key).
   *
   * @throws IllegalArgumentException when the request cannot run here (field, value and rule)
   * @throws JobConflictException when a Job of that name exists that is not this launch's
   */
  JobId launch(JobRequest request);

  /** Where the job stands now: queued, pending, running, or one of its three endings. */
  JobState state(JobId id);

  /** Stops the job and removes it; a job that is already gone is fine. */
  void delete(JobId id);

  /** The last {@code lines} lines the main container printed, or "" when none can be read. */
  String logs(JobId id, int lines);

  /**
   * Polls {@link #state} until the job ends, running {@code betweenPolls} with each state that is
   * not an ending (where an activity heartbeats; an exception from it stops the wait and
   * propagates). The job's own {@code startup_timeout_seconds} applies while it is PENDING, never
   * while it is QUEUED: a job PENDING that long is deleted and {@link JobStartupTimeoutException}
   * thrown.
   */
  JobState awaitCompletion(JobId id, Duration pollEvery, Consumer<JobState> betweenPolls);
}
