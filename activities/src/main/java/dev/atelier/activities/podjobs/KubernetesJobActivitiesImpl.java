package dev.atelier.activities.podjobs;

import dev.atelier.activities.jobs.JobNames;
import dev.atelier.workflows.activities.KubernetesJobActivities;
import dev.atelier.workflows.activities.TaskCall;
import io.temporal.activity.Activity;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One KubernetesJobOperator try: create the Job, wait for it heartbeating its phase, fail the try
 * when its pod has not started within {@code startup_timeout_seconds} (saying why) or when it
 * failed (with the log tail), and delete it when the try is cancelled or times out (the heartbeat
 * then throws). Its XCom: {@code job_name}, {@code namespace} and, with {@code get_logs}, {@code
 * logs}.
 */
public final class KubernetesJobActivitiesImpl implements KubernetesJobActivities {
  static final int LOG_LINES = 50;

  private final PodJobs jobs;
  private final String defaultNamespace;
  private final Duration pollEvery;

  public KubernetesJobActivitiesImpl(PodJobs jobs, String defaultNamespace, Duration pollEvery) {
    this.jobs = jobs;
    this.defaultNamespace = defaultNamespace == null ? "default" : defaultNamespace;
    this.pollEvery = pollEvery;
  }

  @Override
  public Map<String, Object> runKubernetesJob(TaskCall call) {
    var context = Activity.getExecutionContext();
    return run(call, phase -> context.heartbeat(phase));
  }

  /** The try, with {@code heartbeat} called between polls (it throws when the try is stopped). */
  public Map<String, Object> run(TaskCall call, Consumer<String> heartbeat) {
    Map<String, String> own = new LinkedHashMap<>();
    own.put("atelier/dag-id", call.dagId());
    own.put("atelier/run-id", call.runId());
    own.put("atelier/task-id", call.taskId());
    if (call.mapIndex() >= 0) {
      own.put("atelier/map-index", Integer.toString(call.mapIndex()));
    }
    own.put("atelier/try-number", Integer.toString(call.tryNumber()));
    PodJobRequest request;
    try {
      request = PodJobRequest.of(call.args(), own, defaultNamespace);
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "BadArgument");
    }
    String name =
        JobNames.forTaskTry(
            call.dagId(), call.runId(), call.taskId(), call.mapIndex(), call.tryNumber());
    jobs.launch(name, request);
    long startedAt = System.nanoTime();
    boolean podStarted = false;
    try {
      while (true) {
        PodJobState state = jobs.state(name, request);
        if (state.ended()) {
          return ended(name, request, state);
        }
        podStarted |= state.phase() == PodJobState.Phase.RUNNING;
        long waited = (System.nanoTime() - startedAt) / 1_000_000_000L;
        if (!podStarted && waited >= request.startupTimeoutSeconds()) {
          jobs.delete(name, request);
          throw ApplicationFailure.newFailure(
              "Job "
                  + name
                  + ": pod did not start within startup_timeout_seconds="
                  + request.startupTimeoutSeconds()
                  + ": "
                  + state.reason(),
              "PodStartupTimeout");
        }
        heartbeat.accept(state.phase().name());
        Thread.sleep(pollEvery.toMillis());
      }
    } catch (ActivityCompletionException stopped) {
      // Cancelled, timed out (execution_timeout) or the run is gone: the Job must not outlive it.
      jobs.delete(name, request);
      throw stopped;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      jobs.delete(name, request);
      throw new IllegalStateException("interrupted while waiting for Job " + name, e);
    }
  }

  private Map<String, Object> ended(String name, PodJobRequest request, PodJobState state) {
    String logs = request.getLogs() ? jobs.logs(name, request, LOG_LINES) : null;
    if (state.phase() != PodJobState.Phase.SUCCEEDED) {
      String message =
          "Job " + name + " " + state.phase().name().toLowerCase() + ": " + state.reason();
      if (logs != null && !logs.isBlank()) {
        message += "\nlast log lines:\n" + logs;
      }
      throw ApplicationFailure.newFailure(message, "KubernetesJobFailed");
    }
    Map<String, Object> xcom = new LinkedHashMap<>();
    xcom.put("job_name", name);
    xcom.put("namespace", request.namespace());
    if (logs != null) {
      xcom.put("logs", logs);
    }
    return xcom;
  }
}
