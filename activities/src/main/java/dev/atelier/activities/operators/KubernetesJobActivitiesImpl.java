package dev.atelier.activities.operators;

import dev.atelier.activities.jobs.JobArguments;
import dev.atelier.activities.jobs.JobConflictException;
import dev.atelier.activities.jobs.JobId;
import dev.atelier.activities.jobs.JobKey;
import dev.atelier.activities.jobs.JobLauncher;
import dev.atelier.activities.jobs.JobRequest;
import dev.atelier.activities.jobs.JobStartupTimeoutException;
import dev.atelier.activities.jobs.JobState;
import dev.atelier.activities.persistence.TryPhaseReporter;
import dev.atelier.activities.persistence.TryPhases;
import dev.atelier.workflows.activities.KubernetesJobActivities;
import dev.atelier.workflows.activities.TaskCall;
import dev.atelier.workflows.activities.TaskInstanceTry;
import io.temporal.activity.Activity;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One KubernetesJobOperator try on the {@link JobLauncher}: launch the Job its arguments describe,
 * wait for it heartbeating its phase, fail the try when its pod has not started within {@code
 * startup_timeout_seconds} of being admitted (saying why; time QUEUED in Kueue does not count) or
 * when it failed (with the log tail), and delete it when the try is cancelled or times out (the
 * heartbeat then throws). While it waits, the task instance shows the Job queued for Kueue (with
 * Kueue's reason as the note; again after an eviction) or running ({@link TryPhaseReporter}). Its
 * XCom: {@code job_name}, {@code namespace} and, with {@code get_logs}, {@code logs}.
 */
public final class KubernetesJobActivitiesImpl implements KubernetesJobActivities {
  static final int LOG_LINES = 50;

  /** The readable start of these Jobs' names. */
  static final String KIND = "k8s";

  private final JobLauncher jobs;
  private final Duration pollEvery;
  private final TryPhases phases;

  /** Tries whose waits show no queued/running phase on their task instances. */
  public KubernetesJobActivitiesImpl(JobLauncher jobs, Duration pollEvery) {
    this(jobs, pollEvery, TryPhases.NONE);
  }

  /**
   * @param phases where a wait shows its Job queued (for Kueue) or running on the task instance
   */
  public KubernetesJobActivitiesImpl(JobLauncher jobs, Duration pollEvery, TryPhases phases) {
    this.jobs = jobs;
    this.pollEvery = pollEvery;
    this.phases = phases;
  }

  @Override
  public Map<String, Object> runKubernetesJob(TaskCall call) {
    var context = Activity.getExecutionContext();
    return run(call, phase -> context.heartbeat(phase));
  }

  /** The try, with {@code heartbeat} called between polls (it throws when the try is stopped). */
  public Map<String, Object> run(TaskCall call, Consumer<String> heartbeat) {
    JobRequest request;
    try {
      request = request(call);
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "BadArgument");
    }
    JobId id;
    try {
      id = jobs.launch(request);
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "BadArgument");
    } catch (JobConflictException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "JobConflict");
    }
    TryPhaseReporter shown =
        new TryPhaseReporter(
            phases,
            new TaskInstanceTry(
                call.dagId(), call.runId(), call.taskId(), call.mapIndex(), call.tryNumber()));
    JobState ended;
    try {
      ended =
          jobs.awaitCompletion(
              id,
              pollEvery,
              state -> {
                shown.seen(state);
                heartbeat.accept(state.phase().name());
              });
      shown.ended(ended);
    } catch (JobStartupTimeoutException e) {
      throw ApplicationFailure.newFailure(e.getMessage(), "PodStartupTimeout");
    } catch (RuntimeException stopped) {
      // Cancelled, timed out (execution_timeout), the run is gone, or the worker is stopping: the
      // Job must not outlive its try.
      if (stopped instanceof ActivityCompletionException
          || Thread.currentThread().isInterrupted()) {
        jobs.delete(id);
      }
      throw stopped;
    }
    return ended(id, request, ended);
  }

  private static JobRequest request(TaskCall call) {
    Object image = call.args().get("image");
    if (image == null) {
      throw new IllegalArgumentException(
          "image: null must be a container image name (it is required)");
    }
    JobKey key =
        new JobKey(call.dagId(), call.runId(), call.taskId(), call.mapIndex(), call.tryNumber());
    return JobArguments.apply(call.args(), "", JobArguments.NAMES, JobRequest.builder(KIND, key))
        .build();
  }

  private Map<String, Object> ended(JobId id, JobRequest request, JobState state) {
    String logs = request.getLogs() ? jobs.logs(id, LOG_LINES) : null;
    if (state.phase() != JobState.Phase.SUCCEEDED) {
      String message =
          "Job "
              + request.name()
              + " "
              + state.phase().name().toLowerCase(Locale.ROOT)
              + ": "
              + state.reason();
      if (logs != null && !logs.isBlank()) {
        message += "\nlast log lines:\n" + logs;
      }
      throw ApplicationFailure.newFailure(message, "KubernetesJobFailed");
    }
    Map<String, Object> xcom = new LinkedHashMap<>();
    xcom.put("job_name", request.name());
    id.namespace().ifPresent(ns -> xcom.put("namespace", ns));
    if (logs != null) {
      xcom.put("logs", logs);
    }
    return xcom;
  }
}
