package dev.atelier.activities.trials;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.activities.datasets.TrialDatasets;
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
import dev.atelier.workflows.search.Evaluation;
import dev.atelier.workflows.temporal.TrialReport;
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
import java.util.Optional;
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
  /**
   * {@code TrialRequest.initFrom} as {@code {"prepared": true}}: the caller has put the checkpoint
   * to start from (or to evaluate, at {@code steps}) in the trial's {@link #initFolder}.
   */
  public static final String PREPARED = "prepared";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final System.Logger LOG = System.getLogger(TrialActivitiesImpl.class.getName());
  private final MlflowClient mlflow;
  private final JobLauncher launcher;
  private final TrialJobs jobs;
  private final TrialRuns runs;
  private final Path workDir;
  private final String trackingUri;
  private final OptionalInt trainerThreads;
  private final Duration pollEvery;
  private final TryPhases phases;
  private final SweepReports reports;

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
        TryPhases.NONE,
        SweepReports.NONE);
  }

  /**
   * @param settings how this worker's trials run (trainer command, image, volumes)
   * @param trainerThreads engine threads per trainer: set when trials share this machine (so
   *     parallel trials do not oversubscribe its cores), empty to let the trainer use all it sees
   * @param phases where a wait shows its Job queued (for Kueue) or running on the task instance
   * @param reports where a trial of a searching sweep sends its evaluations ({@link
   *     SweepReports#viaWorker()} in a worker; {@link SweepReports#NONE} reports nothing)
   */
  public TrialActivitiesImpl(
      MlflowClient mlflow,
      JobLauncher launcher,
      TrialJobSettings settings,
      Path workDir,
      String trackingUri,
      OptionalInt trainerThreads,
      Duration pollEvery,
      TryPhases phases,
      SweepReports reports) {
    this(
        mlflow,
        launcher,
        settings,
        workDir,
        trackingUri,
        trainerThreads,
        pollEvery,
        phases,
        reports,
        TrialDatasets.onTheSpot());
  }

  /**
   * As above, with the dataset lookup that names the version each trial's run trained on ({@link
   * TrialDatasets}); the other constructors compute every digest on the spot.
   */
  public TrialActivitiesImpl(
      MlflowClient mlflow,
      JobLauncher launcher,
      TrialJobSettings settings,
      Path workDir,
      String trackingUri,
      OptionalInt trainerThreads,
      Duration pollEvery,
      TryPhases phases,
      SweepReports reports,
      TrialDatasets datasets) {
    this.mlflow = mlflow;
    this.launcher = launcher;
    this.jobs = new TrialJobs(settings);
    this.runs = new TrialRuns(mlflow, datasets, trackingUri);
    this.workDir = workDir;
    this.trackingUri = trackingUri;
    this.trainerThreads = trainerThreads;
    this.pollEvery = pollEvery;
    this.phases = phases;
    this.reports = reports == null ? SweepReports.NONE : reports;
  }

  /** Trials whose evaluations no sweep hears. */
  public TrialActivitiesImpl(
      MlflowClient mlflow,
      JobLauncher launcher,
      TrialJobSettings settings,
      Path workDir,
      String trackingUri,
      OptionalInt trainerThreads,
      Duration pollEvery,
      TryPhases phases) {
    this(
        mlflow,
        launcher,
        settings,
        workDir,
        trackingUri,
        trainerThreads,
        pollEvery,
        phases,
        SweepReports.NONE);
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
      if (run.exclude() != null) {
        TrainerFiles.writeExclude(dir, run.exclude());
      }
      // Only the last try's verdict goes; its checkpoints stay for the trainer to resume from.
      TrainerFiles.clearPreviousAttempt(dir);
      Path specFile = dir.resolve(TrainerFiles.SPEC);
      Map<String, Object> spec =
          new LinkedHashMap<>(
              TrainerSpec.of(
                  withDatasetPath(request, dataset), runId, dir, trackingUri, trainerThreads));
      TrainerFiles.exclude(dir).ifPresent(f -> TrainerSpec.excludeFile(spec, f));
      if (request.initFrom() != null) {
        spec.put(
            "init_from",
            Boolean.TRUE.equals(request.initFrom().get(PREPARED))
                ? prepared(dir)
                : initFrom(request, dir, runId));
      }
      JSON.writerWithDefaultPrettyPrinter().writeValue(specFile.toFile(), spec);
      JobRequest job = jobs.request(request, run.tryNumber(), workDir, dir, specFile, dataset);
      JobId jobId = launcher.launch(job);
      mlflow.setTag(runId, AtelierTags.JOB_ID, jobId.value());
      return new TrialHandle(
          jobId.value(),
          runId,
          dir.toString(),
          request.mapIndex(),
          null,
          request.sweepWorkflowId());
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
   * The folder a trial of {@code request} works in, the same for every try; a caller that prepares
   * its starting checkpoint ({@value #PREPARED}) puts it in {@link #initFolder} below it.
   */
  public Path folderOf(TrialRequest request) {
    return TrialDirs.of(
        workDir, request.dagId(), request.runId(), request.taskId(), request.mapIndex());
  }

  /** Where a prepared starting checkpoint goes in a trial's folder. */
  public static Path initFolder(Path trialFolder) {
    return trialFolder.resolve(DonorCheckpoint.FOLDER);
  }

  private static Map<String, Object> prepared(Path dir) {
    if (!java.nio.file.Files.isRegularFile(initFolder(dir).resolve("checkpoint.json"))) {
      throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
          "init_from: the prepared checkpoint " + initFolder(dir) + " holds no checkpoint.json",
          "NoPreparedCheckpoint");
    }
    return DonorCheckpoint.specField();
  }

  /**
   * PBT: copies the donor's checkpoint into the trial's folder and records the lineage on its run;
   * returns the spec's {@code init_from}.
   */
  private Map<String, Object> initFrom(TrialRequest request, Path dir, String runId)
      throws IOException {
    int donor = DonorCheckpoint.intField(request.initFrom(), "map_index");
    int step = DonorCheckpoint.intField(request.initFrom(), "step");
    Path donorDir =
        TrialDirs.of(workDir, request.dagId(), request.runId(), request.taskId(), donor);
    DonorCheckpoint.Picked picked = DonorCheckpoint.pick(donorDir, donor, step);
    DonorCheckpoint.copyInto(picked, dir);
    MlflowRuns.logParamsAndTags(
        mlflow,
        runId,
        Map.of(),
        Map.of(
            AtelierTags.PBT_PARENT,
            Integer.toString(donor),
            AtelierTags.PBT_PARENT_STEP,
            Integer.toString(picked.step())));
    return DonorCheckpoint.specField();
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
        r.kubernetes(),
        r.sweepWorkflowId(),
        r.initFrom());
  }

  @Override
  public TrialOutcome awaitTrial(TrialHandle handle) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    JobId jobId = new JobId(handle.jobId());
    Path dir = Path.of(handle.workDir());
    TrialProgress progress = new TrialProgress(mlflow, dir, handle.mlflowRunId());
    TryPhaseReporter shown = new TryPhaseReporter(phases, handle.instance());
    Optional<EvaluationFeed> feed =
        Optional.ofNullable(handle.sweepWorkflowId())
            .map(id -> new EvaluationFeed(mlflow, dir, handle.mlflowRunId()));
    JobState ended;
    try {
      ended =
          launcher.awaitCompletion(
              jobId,
              pollEvery,
              state -> {
                shown.seen(state);
                context.heartbeat(progress.now(state));
                feed.ifPresent(f -> report(handle, f));
              });
      shown.ended(ended);
      // The last evaluations (the final step's) are written just before the trainer exits.
      feed.ifPresent(f -> report(handle, f));
    } catch (ActivityCanceledException cancelled) {
      cancelTrial(handle);
      throw cancelled;
    } catch (JobStartupTimeoutException notStarted) {
      // The launcher deleted the Job; the trial failed without ever training.
      ended = JobState.failed(JobState.UNKNOWN_EXIT_CODE, notStarted.getMessage());
    }
    return new TrialOutcomeJudge(mlflow, launcher).judge(handle, ended, progress.lastStep());
  }

  /** Sends the feed's new evaluations to the sweep; a sweep that cannot hear them is no failure. */
  private void report(TrialHandle handle, EvaluationFeed feed) {
    List<Evaluation> fresh = feed.next();
    if (fresh.isEmpty()) {
      return;
    }
    try {
      reports.send(handle.sweepWorkflowId(), new TrialReport(handle.mapIndex(), fresh));
    } catch (RuntimeException e) {
      // The sweep ended or Temporal blinked; the trial goes on, and its outcome still returns.
      LOG.log(
          System.Logger.Level.WARNING,
          "could not report trial {0}''s evaluations to {1}: {2}",
          handle.mapIndex(),
          handle.sweepWorkflowId(),
          e.toString());
    }
  }

  /**
   * Tags the trial's run with the stop request; the trainer polls its run for it. A run that has
   * ended, or already holds a request, is left as it is: the first request is the one the trainer
   * may already have acted on.
   */
  @Override
  public void stopTrial(TrialHandle handle, String reason, String detail) {
    Run run = mlflow.getRun(handle.mlflowRunId());
    if (!MlflowRuns.isRunning(run) || MlflowRuns.tag(run, AtelierTags.STOP_REQUEST).isPresent()) {
      return;
    }
    String text = detail == null || detail.isBlank() ? "stopped by the sweep: " + reason : detail;
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(AtelierTags.STOP_REASON, reason == null ? "" : reason);
    tags.put(AtelierTags.STOP_DETAIL, text);
    // One request: the trainer never sees the request without its reason.
    tags.put(AtelierTags.STOP_REQUEST, text);
    MlflowRuns.logParamsAndTags(mlflow, handle.mlflowRunId(), Map.of(), tags);
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
