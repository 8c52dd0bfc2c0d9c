package dev.atelier.trainers.tracking;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atelier.trainers.spec.MlflowSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;

/**
 * The MLflow run a trial logs into: the one the platform created ({@code mlflow.run_id}) or a new
 * one in {@code mlflow.experiment_name}. Metrics and artifacts are queued and sent in the
 * background, retried while the server is unreachable and spilled to {@code
 * <output_dir>/tracking-spill/<run_id>/} beyond what memory holds; {@link #end} waits for them (at
 * most {@code mlflow.drain_seconds}, less when a stop signal's grace period is running) before it
 * sets the status tags and terminates the run.
 *
 * <p>A relaunched trial (interrupted, preempted, its pod lost) continues the run it logged into
 * before, from its last checkpoint, which may be older than the last step it logged. The steps in
 * between are trained again, identically, but not logged again: each metric skips the steps the run
 * already holds for it, or the spill folder holds for it, so the history has no gap and no step
 * twice. What the earlier start spilled is sent first.
 */
public final class MlflowRun {
  public static final String STATUS_TAG = "atelier.status";
  public static final String REASON_TAG = "atelier.reason";

  /** Set by the sweep on a trial it stops; the value is the reason a person reads. */
  public static final String STOP_REQUEST_TAG = "atelier.stop_request";

  /** Kept free before a stop signal's halt for ending the run after the uploads. */
  static final Duration END_RESERVE = Duration.ofSeconds(4);

  /** How long a normal end keeps trying to reach the server to end the run. */
  private static final Duration END_TRIES = Duration.ofSeconds(30);

  private final MlflowClient client;
  private final String runId;
  private final TrackingHttp http;
  private final SpillFolder spill;
  private final Rejections rejections;
  private final MetricFlusher metrics;
  private final ArtifactUploader artifacts;
  private final Map<String, Long> loggedUpTo;
  private final Duration drainWait;
  private final Backoff backoff;
  private final PrintStream err;

  private MlflowRun(
      MlflowClient client,
      Run run,
      MlflowSpec spec,
      Path outputDir,
      Backoff backoff,
      PrintStream err) {
    this.client = client;
    this.runId = run.getInfo().getRunId();
    this.err = err;
    this.drainWait = spec.drainWait();
    this.backoff = backoff;
    this.http = new TrackingHttp(spec.trackingUri());
    this.spill = new SpillFolder(outputDir, runId);
    this.rejections = new Rejections(err);
    spill
        .readEnd()
        .ifPresent(
            e -> {
              // This start continues the run and ends it itself.
              err.println(
                  "note: the previous start of this trial could not end its MLflow run ("
                      + e.status()
                      + "); this start continues it");
              spill.deleteEnd();
            });
    for (Path other : spill.otherRuns()) {
      err.println(
          "warning: "
              + other
              + " holds uploads for another MLflow run than this trial's ("
              + runId
              + "); left alone");
    }
    Map<String, Long> spilledSteps = spill.metricSteps();
    int spilledFiles = spill.artifacts().size();
    if (!spilledSteps.isEmpty() || spilledFiles > 0) {
      err.println(
          "sending first what the previous start of this trial could not upload: "
              + spill.metricPoints()
              + " metric values and "
              + spilledFiles
              + " artifacts from "
              + spill.dir());
    }
    this.artifacts =
        new ArtifactUploader(http, run.getInfo().getArtifactUri(), spill, rejections, backoff, err);
    this.metrics = new MetricFlusher(http, runId, spill, rejections, backoff, err);
    Map<String, Long> upTo = new HashMap<>(loggedUpTo(run));
    spilledSteps.forEach((k, v) -> upTo.merge(k, v, Math::max));
    this.loggedUpTo = Map.copyOf(upTo);
  }

  /**
   * @param outputDir the trial's output folder, where uploads that cannot wait in memory are kept
   */
  public static MlflowRun open(MlflowSpec spec, String trialId, Path outputDir, PrintStream err) {
    return open(spec, trialId, outputDir, Backoff.DEFAULT, err);
  }

  static MlflowRun open(
      MlflowSpec spec, String trialId, Path outputDir, Backoff backoff, PrintStream err) {
    MlflowClient client = MlflowClients.withTimeouts(spec.trackingUri());
    String runId = spec.runId().orElseGet(() -> create(client, spec, trialId));
    return new MlflowRun(client, client.getRun(runId), spec, outputDir, backoff, err);
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
    MlflowClient client = MlflowClients.withTimeouts(spec.trackingUri());
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
   * Logs params (retried with backoff while the server is unreachable, for at most {@code
   * drain_seconds}), skipping keys the run already has: params are immutable in MLflow, and the
   * platform may have logged the same hyperparameter in its own spelling (0.0002 vs 2.0E-4).
   */
  public void logParams(Map<String, String> params) {
    Instant giveUp = Instant.now().plus(drainWait);
    for (int failures = 1; ; failures++) {
      try {
        logParamsOnce(params);
        return;
      } catch (MlflowClientException e) {
        boolean refused =
            e instanceof MlflowHttpException h
                && h.getStatusCode() < 500
                && h.getStatusCode() != 429;
        if (refused || Instant.now().isAfter(giveUp)) {
          throw e;
        }
        if (failures == 1) {
          err.println("warning: could not log params to MLflow, retrying: " + e.getMessage());
        }
        try {
          Thread.sleep(backoff.delay(failures).toMillis());
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private void logParamsOnce(Map<String, String> params) {
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
   * How {@link #end} went: {@code note} is empty when everything arrived and the run was ended, and
   * otherwise says, for a person, what was refused, what waits on disk and whether the run could be
   * ended.
   */
  public record Ending(boolean runEnded, int spilledValues, int spilledArtifacts, String note) {}

  /**
   * Waits for queued metrics and artifacts, then tags and terminates the run with the trial's true
   * status. With {@code haltAt} (a stop signal's grace period runs out then) everything queued is
   * first written to the spill folder, then sent while time remains. What has not arrived by the
   * deadline stays in the spill folder for the next start of the trial; if the run cannot be ended
   * either, its end waits there too ({@code end.json}).
   */
  public Ending end(String status, String reason, RunStatus end, Optional<Instant> haltAt) {
    return end(status, reason, end, () -> haltAt);
  }

  /**
   * As {@link #end(String, String, RunStatus, Optional)}, with the halt read again while waiting: a
   * stop signal that arrives during a long wait for the server still finds everything on disk and
   * the run ended before the process is halted.
   */
  public Ending end(
      String status, String reason, RunStatus end, Supplier<Optional<Instant>> haltAt) {
    Instant uploadsBy = Instant.now().plus(drainWait);
    Instant endBy = uploadsBy.plus(END_TRIES);
    boolean halting = false;
    boolean rejectionsQueued = false;
    boolean delivered;
    while (true) {
      Optional<Instant> halt = haltAt.get();
      if (halt.isPresent() && !halting) {
        // Disk first: fast and local, so a halt loses nothing; then send while time remains.
        halting = true;
        metrics.spillPending();
        artifacts.spillPending();
        Instant latest = halt.get().minus(END_RESERVE);
        uploadsBy = uploadsBy.isBefore(latest) ? uploadsBy : latest;
        endBy = halt.get().minusSeconds(1);
      }
      Instant slice = Instant.now().plusMillis(500);
      slice = slice.isBefore(uploadsBy) ? slice : uploadsBy;
      if (metrics.awaitDelivered(slice) && artifacts.awaitDelivered(slice)) {
        if (rejections.count() > 0 && !rejectionsQueued) {
          rejectionsQueued = true;
          artifacts.put(Rejections.ARTIFACT, rejections.json());
          continue;
        }
        delivered = true;
        break;
      }
      if (!Instant.now().isBefore(uploadsBy)) {
        delivered = false;
        break;
      }
    }
    if (!delivered) {
      metrics.spillPending();
      artifacts.spillPending();
    }
    metrics.close();
    artifacts.close();
    List<String> notes = new ArrayList<>();
    if (rejections.count() > 0) {
      notes.add(
          "MLflow refused "
              + rejections.count()
              + " uploads, skipped (listed in the run's "
              + Rejections.ARTIFACT
              + ")");
    }
    int values = delivered ? 0 : spill.metricPoints();
    int files = delivered ? 0 : spill.artifacts().size();
    if (values > 0 || files > 0) {
      String why = Objects.requireNonNullElse(metrics.lastError(), artifacts.lastError());
      notes.add(
          values
              + " metric values and "
              + files
              + " artifacts had not reached MLflow by the deadline"
              + (why == null ? "" : " (last error: " + why + ")")
              + "; they are kept in "
              + spill.dir()
              + " and sent when the trial starts again");
    }
    String fullReason = notes.isEmpty() ? reason : join(reason, String.join("; ", notes));
    RunEnd runEnd = new RunEnd(status, fullReason, end, System.currentTimeMillis());
    spill.writeEnd(runEnd);
    boolean ended = sendEnd(runEnd, endBy);
    if (ended) {
      spill.deleteEnd();
    } else {
      notes.add(
          "the MLflow run could not be ended ("
              + end
              + "); its end is kept in "
              + spill.dir().resolve("end.json")
              + " (the worker ends a run its trainer left RUNNING)");
    }
    spill.removeIfEmpty();
    client.close();
    return new Ending(ended, values, files, String.join("; ", notes));
  }

  private static String join(String reason, String note) {
    return reason == null || reason.isBlank() ? note : reason + "; " + note;
  }

  /** Tags, then terminates; retried with backoff until {@code by}. */
  private boolean sendEnd(RunEnd end, Instant by) {
    ObjectNode tags = JsonNodeFactory.instance.objectNode();
    tags.put("run_id", runId);
    List<RunTag> list = new ArrayList<>(statusTags(end.status(), end.reason()));
    if (rejections.count() > 0) {
      list.add(
          RunTag.newBuilder()
              .setKey(Rejections.TAG)
              .setValue(Integer.toString(rejections.count()))
              .build());
    }
    var array = tags.putArray("tags");
    list.forEach(t -> array.addObject().put("key", t.getKey()).put("value", t.getValue()));
    ObjectNode update = JsonNodeFactory.instance.objectNode();
    update.put("run_id", runId);
    update.put("status", end.runStatus().name());
    update.put("end_time", end.endTime());
    boolean tagged = false;
    for (int attempt = 1; ; attempt++) {
      // One try always, however late: if the halt cuts it short, end.json is on disk already.
      Duration left = Duration.between(Instant.now(), by);
      if (attempt > 1 && (left.isNegative() || left.isZero())) {
        return false;
      }
      Duration timeout =
          left.compareTo(Duration.ofSeconds(1)) < 0
              ? Duration.ofSeconds(1)
              : left.compareTo(Duration.ofSeconds(10)) < 0 ? left : Duration.ofSeconds(10);
      try {
        if (!tagged) {
          http.post("runs/log-batch", tags.toString(), timeout);
          tagged = true;
        }
        http.post("runs/update", update.toString(), timeout);
        return true;
      } catch (DeliveryFailure f) {
        if (f.permanent()) {
          err.println("warning: MLflow refused to end run " + runId + ": " + f.getMessage());
          return false;
        }
        if (attempt == 1) {
          err.println(
              "warning: could not end MLflow run " + runId + ", will retry: " + f.getMessage());
        }
      }
      Duration pause = Backoff.DEFAULT.delay(attempt);
      Duration rest = Duration.between(Instant.now(), by);
      if (rest.compareTo(pause) <= 0) {
        return false;
      }
      try {
        Thread.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
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
