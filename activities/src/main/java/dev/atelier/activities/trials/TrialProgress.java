package dev.atelier.activities.trials;

import dev.atelier.activities.jobs.JobState;
import dev.atelier.activities.mlflow.MlflowRuns;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mlflow.tracking.MlflowClient;

/**
 * Where a running trial is, for its heartbeat: from {@code progress.json} when the trainer writes
 * on this machine, else from the step of the run's latest {@code loss_g} in MLflow (asked at most
 * every {@link #MLFLOW_EVERY_MILLIS}, since a sweep of many trials would otherwise poll MLflow once
 * a second each).
 */
final class TrialProgress {
  static final long MLFLOW_EVERY_MILLIS = 10_000;
  private final MlflowClient client;
  private final Path dir;
  private final String mlflowRunId;
  private long lastAsked;
  private long step;

  TrialProgress(MlflowClient client, Path dir, String mlflowRunId) {
    this.client = client;
    this.dir = dir;
    this.mlflowRunId = mlflowRunId;
  }

  /**
   * Heartbeat details: the job's {@code phase} (and, while it waits, {@code reason}: Kueue's or the
   * pod's), {@code step}, and {@code steps} and {@code images_per_sec} when known.
   */
  Map<String, Object> now(JobState state) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("phase", state.phase().name());
    if (state.phase() == JobState.Phase.QUEUED || state.phase() == JobState.Phase.PENDING) {
      details.put("reason", state.reason());
    }
    var local = TrainerFiles.progress(dir);
    if (local.isPresent()) {
      step = local.get().step();
      details.put("step", step);
      details.put("steps", local.get().steps());
      details.put("images_per_sec", local.get().imagesPerSec());
      return details;
    }
    long now = System.currentTimeMillis();
    if (now - lastAsked >= MLFLOW_EVERY_MILLIS) {
      lastAsked = now;
      try {
        step = MlflowRuns.latestStep(client.getRun(mlflowRunId), "loss_g").orElse(step);
      } catch (RuntimeException unreachable) {
        // A heartbeat must not fail because MLflow blinked; the last known step stands.
      }
    }
    details.put("step", step);
    return details;
  }

  long lastStep() {
    return step;
  }
}
