package dev.atelier.trainers.tracking;

import dev.atelier.trainers.spec.MlflowSpec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;

/**
 * The MLflow run a trial logs into: the one the platform created ({@code mlflow.run_id}) or a new
 * one in {@code mlflow.experiment_name}. Metrics and artifacts are queued; {@link #end} waits for
 * them before it sets the status tags and terminates the run.
 *
 * <p>A relaunched trial (interrupted, preempted, its pod lost) continues the run it logged into
 * before, from its last checkpoint, which may be older than the last step it logged. The steps in
 * between are trained again, identically, but not logged again: each metric skips the steps the run
 * already holds for it, so the history has no gap and no step twice.
 */
public final class MlflowRun {
  public static final String STATUS_TAG = "atelier.status";
  public static final String REASON_TAG = "atelier.reason";

  /** Set by the sweep on a trial it stops; the value is the reason a person reads. */
  public static final String STOP_REQUEST_TAG = "atelier.stop_request";

  private final MlflowClient client;
  private final String runId;
  private final MetricFlusher metrics;
  private final ArtifactUploader artifacts;
  private final Map<String, Long> loggedUpTo;

  private MlflowRun(MlflowClient client, Run run, String uri, PrintStream err) {
    this.client = client;
    this.runId = run.getInfo().getRunId();
    this.artifacts = new ArtifactUploader(uri, run.getInfo().getArtifactUri());
    this.metrics = new MetricFlusher(client, runId, err);
    this.loggedUpTo = loggedUpTo(run);
  }

  public static MlflowRun open(MlflowSpec spec, String trialId, PrintStream err) {
    MlflowClient client = new MlflowClient(spec.trackingUri());
    String runId = spec.runId().orElseGet(() -> create(client, spec, trialId));
    return new MlflowRun(client, client.getRun(runId), spec.trackingUri(), err);
  }

  /**
   * Each metric's last logged step: MLflow's latest value of a metric is the one at its top step.
   */
  private static Map<String, Long> loggedUpTo(Run run) {
    Map<String, Long> steps = new HashMap<>();
    for (Metric m : run.getData().getMetricsList()) {
      steps.merge(m.getKey(), m.getStep(), Math::max);
    }
    return Map.copyOf(steps);
  }

  private static String create(MlflowClient client, MlflowSpec spec, String trialId) {
    String name = spec.experimentName().orElse(MlflowSpec.DEFAULT_EXPERIMENT);
    String experimentId = experiment(client, name);
    CreateRun req =
        CreateRun.newBuilder()
            .setExperimentId(experimentId)
            .setRunName(trialId)
            .setStartTime(System.currentTimeMillis())
            .addTags(RunTag.newBuilder().setKey("atelier.trial_id").setValue(trialId))
            .build();
    return client.createRun(req).getRunId();
  }

  /**
   * Creates the experiment, or finds it when it exists (or another trial just created it). Create
   * comes first because the client retries a by-name lookup of a missing experiment several times.
   */
  private static String experiment(MlflowClient client, String name) {
    try {
      return client.createExperiment(name);
    } catch (MlflowClientException e) {
      return client.getExperimentByName(name).orElseThrow(() -> e).getExperimentId();
    }
  }

  /** Marks a run the trainer will not train in (a bad spec): status tags, then FAILED. */
  public static void markEnded(MlflowSpec spec, String status, String reason, RunStatus end) {
    MlflowClient client = new MlflowClient(spec.trackingUri());
    String runId = spec.runId().orElseThrow();
    client.logBatch(runId, List.of(), List.of(), statusTags(status, reason));
    client.setTerminated(runId, end, System.currentTimeMillis());
    client.close();
  }

  public String runId() {
    return runId;
  }

  /** The run's tag {@code key} as the server has it now: one request. */
  public Optional<String> currentTag(String key) {
    for (RunTag t : client.getRun(runId).getData().getTagsList()) {
      if (t.getKey().equals(key)) {
        return Optional.of(t.getValue());
      }
    }
    return Optional.empty();
  }

  /**
   * Logs params, skipping keys the run already has: params are immutable in MLflow, and the
   * platform may have logged the same hyperparameter in its own spelling (0.0002 vs 2.0E-4).
   */
  public void logParams(Map<String, String> params) {
    Set<String> existing =
        client.getRun(runId).getData().getParamsList().stream()
            .map(Param::getKey)
            .collect(Collectors.toSet());
    List<Param> fresh = new ArrayList<>();
    params.forEach(
        (k, v) -> {
          if (!existing.contains(k)) {
            fresh.add(Param.newBuilder().setKey(k).setValue(v).build());
          }
        });
    // MLflow takes at most 100 params per log-batch request.
    for (int i = 0; i < fresh.size(); i += 100) {
      client.logBatch(
          runId, List.of(), fresh.subList(i, Math.min(fresh.size(), i + 100)), List.of());
    }
  }

  public void metric(String key, double value, long step) {
    Long done = loggedUpTo.get(key);
    if (done != null && step <= done) {
      return; // logged by an earlier launch of this trial, before its last checkpoint was resumed
    }
    metrics.add(key, value, step);
  }

  public void artifact(String path, byte[] bytes) {
    artifacts.put(path, bytes);
  }

  /**
   * Waits for queued metrics and artifacts, then tags and terminates the run. Returns what could
   * not be delivered (empty when everything arrived), so the caller can fail the trial for it.
   */
  public List<String> end(String status, String reason, RunStatus end) {
    List<String> problems = new ArrayList<>();
    String lost = metrics.drain();
    if (lost != null) {
      problems.add(lost);
    }
    problems.addAll(artifacts.await(Duration.ofMinutes(10)));
    String finalStatus = problems.isEmpty() ? status : "FAILED";
    String finalReason =
        problems.isEmpty()
            ? reason
            : reason + "; tracking incomplete: " + String.join("; ", problems);
    RunStatus finalEnd = problems.isEmpty() ? end : RunStatus.FAILED;
    client.logBatch(runId, List.of(), List.of(), statusTags(finalStatus, finalReason));
    client.setTerminated(runId, finalEnd, System.currentTimeMillis());
    client.close();
    return problems;
  }

  private static List<RunTag> statusTags(String status, String reason) {
    return List.of(
        RunTag.newBuilder().setKey(STATUS_TAG).setValue(status).build(),
        RunTag.newBuilder().setKey(REASON_TAG).setValue(truncate(reason)).build());
  }

  /** Tag values are capped by the server; keep the start, which names the problem. */
  private static String truncate(String s) {
    return s.length() <= 4000 ? s : s.substring(0, 3997) + "...";
  }
}
