package dev.atelier.activities.trials;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.activities.jobs.JobId;
import dev.atelier.activities.jobs.JobLauncher;
import dev.atelier.activities.jobs.JobNames;
import dev.atelier.activities.jobs.JobOutcome;
import dev.atelier.activities.jobs.JobSpec;
import dev.atelier.activities.mlflow.AtelierTags;
import dev.atelier.activities.mlflow.MlflowRuns;
import dev.atelier.activities.mlflow.TrackingActivitiesImpl;
import dev.atelier.workflows.activities.TrialActivities;
import dev.atelier.workflows.activities.TrialHandle;
import dev.atelier.workflows.activities.TrialOutcome;
import dev.atelier.workflows.activities.TrialRequest;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.tracking.MlflowClient;

/** Trials as jobs on a {@link JobLauncher}, each logging into its own MLflow child run. */
public final class TrialActivitiesImpl implements TrialActivities {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final MlflowClient mlflow;
  private final JobLauncher launcher;
  private final Path workDir;
  private final String trackingUri;
  private final OptionalInt trainerThreads;
  private final Duration pollEvery;

  /**
   * @param trainerThreads engine threads per trainer: set when trials share this machine (so
   *     parallel trials do not oversubscribe its cores), empty to let the trainer use all it sees
   */
  public TrialActivitiesImpl(
      MlflowClient mlflow,
      JobLauncher launcher,
      Path workDir,
      String trackingUri,
      OptionalInt trainerThreads,
      Duration pollEvery) {
    this.mlflow = mlflow;
    this.launcher = launcher;
    this.workDir = workDir;
    this.trackingUri = trackingUri;
    this.trainerThreads = trainerThreads;
    this.pollEvery = pollEvery;
  }

  @Override
  public TrialHandle launchTrial(TrialRequest request) {
    String runId = childRun(request);
    Path dir =
        TrialDirs.of(
            workDir, request.dagId(), request.runId(), request.taskId(), request.mapIndex());
    try {
      Files.createDirectories(dir);
      TrainerFiles.clearPreviousAttempt(dir);
      Path specFile = dir.resolve(TrainerFiles.SPEC);
      Map<String, Object> spec = TrainerSpec.of(request, runId, dir, trackingUri, trainerThreads);
      JSON.writerWithDefaultPrettyPrinter().writeValue(specFile.toFile(), spec);
      JobSpec job =
          new JobSpec(
              JobNames.forTrial(request.dagId(), request.mapIndex(), runId),
              specFile,
              dir,
              Map.of(
                  "atelier/dag-id", request.dagId(),
                  "atelier/run-id", request.runId(),
                  "atelier/task-id", request.taskId(),
                  "atelier/map-index", Integer.toString(request.mapIndex())),
              request.gpus());
      JobId jobId = launcher.launch(job);
      mlflow.setTag(runId, AtelierTags.JOB_ID, jobId.value());
      return new TrialHandle(jobId.value(), runId, dir.toString(), request.mapIndex());
    } catch (IOException | RuntimeException e) {
      // No trial ran: the run must not stay RUNNING for ever in MLflow's UI.
      endRun(runId, RunStatus.FAILED, TrialStatus.FAILED, "could not launch: " + e.getMessage());
      if (e instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      throw (RuntimeException) e;
    }
  }

  /**
   * The trial's child run: created, or found again when this activity is retried after creating it
   * (a RUNNING run with the same parent and map index).
   */
  private String childRun(TrialRequest request) {
    String experiment =
        request.experimentName() == null || request.experimentName().isBlank()
            ? TrackingActivitiesImpl.experimentName(request.dagId())
            : request.experimentName();
    String experimentId = MlflowRuns.experimentId(mlflow, experiment);
    Map<String, String> tags = new LinkedHashMap<>();
    if (request.parentRunId() != null) {
      tags.put(AtelierTags.PARENT_RUN_ID, request.parentRunId());
    }
    tags.put(AtelierTags.DAG_ID, request.dagId());
    tags.put(AtelierTags.RUN_ID, request.runId());
    tags.put(AtelierTags.TASK_ID, request.taskId());
    tags.put(AtelierTags.MAP_INDEX, Integer.toString(request.mapIndex()));
    List<Run> running =
        MlflowRuns.findByTags(mlflow, experimentId, tags).stream()
            .filter(MlflowRuns::isRunning)
            .toList();
    if (!running.isEmpty()) {
      return running.get(0).getInfo().getRunId();
    }
    CreateRun.Builder create =
        CreateRun.newBuilder()
            .setExperimentId(experimentId)
            .setRunName("trial-" + request.mapIndex())
            .setStartTime(System.currentTimeMillis());
    tags.forEach((k, v) -> create.addTags(RunTag.newBuilder().setKey(k).setValue(v)));
    String runId = mlflow.createRun(create.build()).getRunId();
    if (request.hyperparams() != null && !request.hyperparams().isEmpty()) {
      MlflowRuns.logParamsAndTags(mlflow, runId, request.hyperparams(), Map.of());
    }
    return runId;
  }

  @Override
  public TrialOutcome awaitTrial(TrialHandle handle) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    JobId jobId = new JobId(handle.jobId());
    Path dir = Path.of(handle.workDir());
    TrialProgress progress = new TrialProgress(mlflow, dir, handle.mlflowRunId());
    JobOutcome ended;
    try {
      ended = launcher.awaitCompletion(jobId, pollEvery, () -> context.heartbeat(progress.now()));
    } catch (ActivityCanceledException cancelled) {
      cancelTrial(handle);
      throw cancelled;
    }
    return new TrialOutcomeJudge(mlflow, launcher).judge(handle, ended, progress.lastStep());
  }

  @Override
  public void cancelTrial(TrialHandle handle) {
    launcher.delete(new JobId(handle.jobId()));
    Run run = mlflow.getRun(handle.mlflowRunId());
    if (MlflowRuns.isRunning(run)) {
      endRun(
          handle.mlflowRunId(),
          RunStatus.KILLED,
          TrialStatus.INTERRUPTED,
          "cancelled by the workflow");
    }
  }

  private void endRun(String runId, RunStatus status, TrialStatus trial, String reason) {
    MlflowRuns.logParamsAndTags(
        mlflow,
        runId,
        Map.of(),
        Map.of(AtelierTags.STATUS, trial.name(), AtelierTags.REASON, reason));
    mlflow.setTerminated(runId, status, System.currentTimeMillis());
  }
}
