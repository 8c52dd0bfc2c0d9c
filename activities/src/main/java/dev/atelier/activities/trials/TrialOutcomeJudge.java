package dev.atelier.activities.trials;

import dev.atelier.activities.jobs.JobId;
import dev.atelier.activities.jobs.JobLauncher;
import dev.atelier.activities.jobs.JobState;
import dev.atelier.activities.mlflow.AtelierTags;
import dev.atelier.activities.mlflow.MlflowRuns;
import dev.atelier.workflows.activities.TrialHandle;
import dev.atelier.workflows.activities.TrialOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.tracking.MlflowClient;

/**
 * Turns a job's ending into a {@link TrialOutcome}. The exit code decides the status; where the
 * launcher could not see it (a Job whose pod is gone, a process from before a worker restart) the
 * trainer's {@code result.json} and then its {@code atelier.status} tag stand in. The reason a
 * person reads comes from the trainer's own words first, the log's last lines last.
 */
final class TrialOutcomeJudge {
  private static final int LOG_LINES = 20;
  private final MlflowClient mlflow;
  private final JobLauncher launcher;

  TrialOutcomeJudge(MlflowClient mlflow, JobLauncher launcher) {
    this.mlflow = mlflow;
    this.launcher = launcher;
  }

  TrialOutcome judge(TrialHandle handle, JobState ended, long lastStepSeen) {
    Path dir = Path.of(handle.workDir());
    Optional<TrainerFiles.Result> result = TrainerFiles.result(dir);
    Run run = mlflow.getRun(handle.mlflowRunId());

    TrialStatus status = status(ended, result, run);
    String reason = status == TrialStatus.SUCCEEDED ? "" : reason(handle, ended, result, run);
    int exitCode = exitCode(ended, result, status);

    Map<String, Double> metrics = MlflowRuns.latestMetrics(run);
    if (metrics.isEmpty() && result.isPresent() && result.get().metrics() != null) {
      metrics = result.get().metrics();
    }
    long lastStep =
        result
            .map(TrainerFiles.Result::lastStep)
            .or(() -> TrainerFiles.progress(dir).map(TrainerFiles.Progress::step))
            .or(() -> MlflowRuns.latestStep(run, "loss_g"))
            .orElse(lastStepSeen);

    if (MlflowRuns.isRunning(run)) {
      // The trainer died before ending its run; end it so MLflow shows what happened.
      endRun(handle.mlflowRunId(), status, reason);
    }
    return new TrialOutcome(
        handle.mapIndex(),
        handle.mlflowRunId(),
        status.name(),
        exitCode,
        reason,
        Map.copyOf(metrics),
        lastStep);
  }

  private static TrialStatus status(JobState ended, Optional<TrainerFiles.Result> result, Run run) {
    if (ended.phase() == JobState.Phase.SUCCEEDED) {
      return TrialStatus.SUCCEEDED;
    }
    if (ended.exitCode() != JobState.UNKNOWN_EXIT_CODE) {
      return TrialStatus.fromExitCode(ended.exitCode());
    }
    Optional<TrialStatus> said =
        result
            .map(r -> r.exitCode() != null ? TrialStatus.fromExitCode(r.exitCode()) : null)
            .or(() -> MlflowRuns.tag(run, AtelierTags.STATUS).flatMap(TrialStatus::fromTag));
    if (said.isPresent()) {
      return said.get();
    }
    return ended.phase() == JobState.Phase.GONE ? TrialStatus.GONE : TrialStatus.FAILED;
  }

  private static int exitCode(
      JobState ended, Optional<TrainerFiles.Result> result, TrialStatus status) {
    if (ended.exitCode() != JobState.UNKNOWN_EXIT_CODE) {
      return ended.exitCode();
    }
    return result.map(TrainerFiles.Result::exitCode).orElse(status.exitCode());
  }

  private String reason(
      TrialHandle handle, JobState ended, Optional<TrainerFiles.Result> result, Run run) {
    Optional<String> said =
        result
            .map(TrainerFiles.Result::reason)
            .filter(r -> r != null && !r.isBlank())
            .or(() -> MlflowRuns.tag(run, AtelierTags.REASON).filter(r -> !r.isBlank()));
    if (said.isPresent()) {
      return said.get();
    }
    String log = launcher.logs(new JobId(handle.jobId()), LOG_LINES);
    return log.isBlank() ? ended.reason() : ended.reason() + "; last output:\n" + log;
  }

  private void endRun(String runId, TrialStatus status, String reason) {
    mlflow.logBatch(
        runId,
        List.of(),
        List.of(),
        List.of(
            RunTag.newBuilder().setKey(AtelierTags.STATUS).setValue(status.name()).build(),
            RunTag.newBuilder().setKey(AtelierTags.REASON).setValue(clip(reason)).build()));
    RunStatus end =
        status == TrialStatus.SUCCEEDED || status == TrialStatus.PRUNED
            ? RunStatus.FINISHED
            : RunStatus.FAILED;
    mlflow.setTerminated(runId, end, System.currentTimeMillis());
  }

  /**
   * MLflow caps tag values (8,000 characters in recent servers); keep the end, where errors are.
   */
  private static String clip(String reason) {
    int max = 4000;
    return reason.length() <= max ? reason : "..." + reason.substring(reason.length() - max);
  }
}
