package dev.atelier.activities.trials;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.activities.jobs.JobId;
import dev.atelier.activities.jobs.JobLauncher;
import dev.atelier.activities.jobs.JobRequest;
import dev.atelier.activities.jobs.JobStartupTimeoutException;
import dev.atelier.activities.jobs.JobState;
import dev.atelier.activities.mlflow.AtelierTags;
import dev.atelier.activities.mlflow.MlflowRuns;
import dev.atelier.activities.persistence.TryPhaseReporter;
import dev.atelier.activities.persistence.TryPhases;
import dev.atelier.workflows.activities.TrialActivities;
import dev.atelier.workflows.activities.TrialHandle;
import dev.atelier.workflows.activities.TrialOutcome;
import dev.atelier.workflows.activities.TrialRequest;
import dev.atelier.workflows.data.DatasetRef;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.tracking.MlflowClient;

/**
 * Trials as jobs on the {@link JobLauncher}, each logging into its own MLflow child run; a
 * relaunched trial (after an interrupted or lost try) continues the same run from its checkpoint in
 * the same folder. While a trial waits, its task instance shows whether its Job is queued for Kueue
 * (with Kueue's reason) or running ({@link TryPhaseReporter}).
 */
public final class TrialActivitiesImpl implements TrialActivities {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final MlflowClient mlflow;
  private final JobLauncher launcher;
  private final TrialJobs jobs;
  private final TrialRuns runs;
  private final Path workDir;
  private final String trackingUri;
  private final OptionalInt trainerThreads;
  private final Duration pollEvery;
  private final TryPhases phases;

  /** Trials whose waits show no queued/running phase on their task instances. */
  public TrialActivitiesImpl(
      MlflowClient mlflow,
      JobLauncher launcher,
      TrialJobSettings settings,
      Path workDir,
      String trackingUri,
      OptionalInt trainerThreads,
      Duration pollEvery) {
    this(
        mlflow,
        launcher,
        settings,
        workDir,
        trackingUri,
        trainerThreads,
        pollEvery,
        TryPhases.NONE);
  }

  /**
   * @param settings how this worker's trials run (trainer command, image, volumes)
   * @param trainerThreads engine threads per trainer: set when trials share this machine (so
   *     parallel trials do not oversubscribe its cores), empty to let the trainer use all it sees
   * @param phases where a wait shows its Job queued (for Kueue) or running on the task instance
   */
  public TrialActivitiesImpl(
      MlflowClient mlflow,
      JobLauncher launcher,
      TrialJobSettings settings,
      Path workDir,
      String trackingUri,
      OptionalInt trainerThreads,
      Duration pollEvery,
      TryPhases phases) {
    this.mlflow = mlflow;
    this.launcher = launcher;
    this.jobs = new TrialJobs(settings);
    this.runs = new TrialRuns(mlflow);
    this.workDir = workDir;
    this.trackingUri = trackingUri;
    this.trainerThreads = trainerThreads;
    this.pollEvery = pollEvery;
    this.phases = phases;
  }

  @Override
  public TrialHandle launchTrial(TrialRequest request) {
    TrialRuns.Opened run = runs.open(request);
    String runId = run.runId();
    Path dir =
        TrialDirs.of(
            workDir, request.dagId(), request.runId(), request.taskId(), request.mapIndex());
    try {
      DatasetRef dataset = jobs.dataset(request);
      Files.createDirectories(dir);
      // Only the last try's verdict goes; its checkpoints stay for the trainer to resume from.
      TrainerFiles.clearPreviousAttempt(dir);
      Path specFile = dir.resolve(TrainerFiles.SPEC);
      Map<String, Object> spec =
          TrainerSpec.of(
              withDatasetPath(request, dataset), runId, dir, trackingUri, trainerThreads);
      JSON.writerWithDefaultPrettyPrinter().writeValue(specFile.toFile(), spec);
      JobRequest job = jobs.request(request, run.tryNumber(), workDir, dir, specFile, dataset);
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

  /** The request as the trainer must read it: a dataset on a claim at the path it is mounted. */
  private static TrialRequest withDatasetPath(TrialRequest r, DatasetRef dataset) {
    if (!dataset.onClaim()) {
      return r;
    }
    Map<String, Object> data = new LinkedHashMap<>(r.dataset());
    data.put("path", TrialJobs.trainerPath(dataset));
    return new TrialRequest(
        r.dagId(),
        r.runId(),
        r.taskId(),
        r.mapIndex(),
        r.experimentName(),
        r.parentRunId(),
        r.hyperparams(),
        data,
        r.probeSeed(),
        r.gpus(),
        r.kubernetes());
  }

  @Override
  public TrialOutcome awaitTrial(TrialHandle handle) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    JobId jobId = new JobId(handle.jobId());
    Path dir = Path.of(handle.workDir());
    TrialProgress progress = new TrialProgress(mlflow, dir, handle.mlflowRunId());
    TryPhaseReporter shown = new TryPhaseReporter(phases, handle.instance());
    JobState ended;
    try {
      ended =
          launcher.awaitCompletion(
              jobId,
              pollEvery,
              state -> {
                shown.seen(state);
                context.heartbeat(progress.now(state));
              });
      shown.ended(ended);
    } catch (ActivityCanceledException cancelled) {
      cancelTrial(handle);
      throw cancelled;
    } catch (JobStartupTimeoutException notStarted) {
      // The launcher deleted the Job; the trial failed without ever training.
      ended = JobState.failed(JobState.UNKNOWN_EXIT_CODE, notStarted.getMessage());
    }
    return new TrialOutcomeJudge(mlflow, launcher).judge(handle, ended, progress.lastStep());
  }

  @Override
  public void stopTrial(TrialHandle handle, String reason, String detail) {
    throw new UnsupportedOperationException("stopTrial");
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
