package dev.atelier.activities.trials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.activities.Services;
import dev.atelier.activities.jobs.JobId;
import dev.atelier.activities.jobs.LocalProcessJobLauncher;
import dev.atelier.activities.mlflow.AtelierTags;
import dev.atelier.activities.mlflow.MlflowRuns;
import dev.atelier.activities.mlflow.TrackingActivitiesImpl;
import dev.atelier.workflows.activities.SweepRunRequest;
import dev.atelier.workflows.activities.TrialActivities;
import dev.atelier.workflows.activities.TrialHandle;
import dev.atelier.workflows.activities.TrialOutcome;
import dev.atelier.workflows.activities.TrialRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.tracking.MlflowClient;

/**
 * Trials on the local launcher against the real MLflow server, with small bash scripts playing the
 * trainer (they honour the CLI contract: spec path as the last argument, result.json and
 * progress.json beside it, the documented exit codes), run as activities in Temporal's test
 * activity environment so heartbeats and cancellation are the SDK's own.
 */
class TrialActivitiesIntegrationTest {
  private final MlflowClient mlflow = Services.mlflow();
  private final String dagId = "test_activities_" + UUID.randomUUID().toString().substring(0, 8);
  private final TestActivityEnvironment temporal = TestActivityEnvironment.newInstance();
  @TempDir Path workDir;

  @AfterEach
  void close() {
    temporal.close();
  }

  private TrialActivities trials(String script) {
    var launcher = new LocalProcessJobLauncher(workDir, Duration.ofSeconds(5));
    temporal.registerActivitiesImplementations(
        new TrialActivitiesImpl(
            mlflow,
            launcher,
            TrialJobSettings.local(List.of("bash", "-c", script, "fake-trainer"), Map.of()),
            workDir,
            Services.env("ATELIER_MLFLOW_URI"),
            OptionalInt.of(1),
            Duration.ofMillis(100)));
    return temporal.newActivityStub(
        TrialActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(1))
            // The SDK sends heartbeats (and so learns of a cancel) at most every 80% of this.
            .setHeartbeatTimeout(Duration.ofSeconds(1))
            .build());
  }

  private TrialRequest request(String parentRunId) {
    return new TrialRequest(
        dagId,
        "manual__2026-11-21T10:00:00+00:00",
        "train",
        1,
        null,
        parentRunId,
        Map.of("lr", 0.0002, "latent_dim", 64, "steps", 5),
        Map.of("path", "/data/emoji", "image_size", 32),
        1234,
        0,
        Map.of());
  }

  private String parentRun() {
    return new TrackingActivitiesImpl(mlflow)
        .startSweepRun(
            new SweepRunRequest(dagId, "manual__2026-11-21T10:00:00+00:00", "train", 1, Map.of()));
  }

  @Test
  void awaitTrial_trainerSucceeds_succeededOutcomeInAChildRunOfTheSweep() {
    String parent = parentRun();
    TrialActivities trials =
        trials(
            """
            d=$(dirname "$1")
            echo '{"step":5,"steps":5,"images_per_sec":100.0}' > "$d/progress.json"
            echo '{"status":"SUCCEEDED","exit_code":0,"reason":"","last_step":5,\
            "metrics":{"fd_diag_rgb8":0.5}}' > "$d/result.json"
            """);

    TrialHandle handle = trials.launchTrial(request(parent));
    TrialOutcome outcome = trials.awaitTrial(handle);

    assertEquals("SUCCEEDED", outcome.status());
    assertEquals(0, outcome.exitCode());
    assertEquals(5, outcome.lastStep());
    assertEquals(Map.of("fd_diag_rgb8", 0.5), outcome.metrics());
    Run run = mlflow.getRun(handle.mlflowRunId());
    assertEquals(parent, MlflowRuns.tag(run, AtelierTags.PARENT_RUN_ID).orElseThrow());
    assertEquals("1", MlflowRuns.tag(run, AtelierTags.MAP_INDEX).orElseThrow());
    assertEquals("trial-1", run.getInfo().getRunName());
    assertEquals(
        Map.of("lr", "0.0002", "latent_dim", "64", "steps", "5"),
        Map.copyOf(
            run.getData().getParamsList().stream()
                .collect(java.util.stream.Collectors.toMap(p -> p.getKey(), p -> p.getValue()))));
    assertEquals(RunStatus.FINISHED, run.getInfo().getStatus(), "the run is ended for the trainer");
    Path spec = Path.of(handle.workDir(), "spec.json");
    assertTrue(Files.isRegularFile(spec), "the spec is beside the trial's outputs");
  }

  @Test
  void awaitTrial_trainerExitsBadSpec_badSpecWithTheTrainersReason() {
    TrialActivities trials =
        trials(
            """
            d=$(dirname "$1")
            echo "dataset.path: '/data/emoji' does not exist" >&2
            echo '{"status":"BAD_SPEC","exit_code":2,\
            "reason":"dataset.path: '"'"'/data/emoji'"'"' does not exist","last_step":0}' \
              > "$d/result.json"
            exit 2
            """);

    TrialHandle handle = trials.launchTrial(request(parentRun()));
    TrialOutcome outcome = trials.awaitTrial(handle);

    assertEquals("BAD_SPEC", outcome.status());
    assertEquals(2, outcome.exitCode());
    assertEquals("dataset.path: '/data/emoji' does not exist", outcome.reason());
    Run run = mlflow.getRun(handle.mlflowRunId());
    assertEquals(RunStatus.FAILED, run.getInfo().getStatus());
    assertEquals("BAD_SPEC", MlflowRuns.tag(run, AtelierTags.STATUS).orElseThrow());
  }

  @Test
  void awaitTrial_trainerCrashesWithoutResult_failedWithTheLogsLastLines() {
    TrialActivities trials = trials("echo 'Exception in thread main: out of memory'; exit 137");

    TrialOutcome outcome = trials.awaitTrial(trials.launchTrial(request(parentRun())));

    assertEquals("FAILED", outcome.status());
    assertEquals(137, outcome.exitCode());
    assertEquals(
        "process exited with code 137; last output:\nException in thread main: out of memory",
        outcome.reason());
  }

  @Test
  void awaitTrial_cancelled_trainerStoppedAndRunKilled() throws Exception {
    TrialActivities trials =
        trials(
            """
            d=$(dirname "$1")
            trap 'exit 75' TERM
            i=0
            while true; do
              i=$((i+1)); echo "{\\"step\\":$i,\\"steps\\":1000,\\"images_per_sec\\":10}" \
                > "$d/progress.json"
              sleep 0.05
            done
            """);
    TrialHandle handle = trials.launchTrial(request(parentRun()));
    ProcessHandle trainer =
        ProcessHandle.of(LocalProcessJobLauncher.pid(new JobId(handle.jobId()))).orElseThrow();
    CompletableFuture<TrialOutcome> waiting =
        CompletableFuture.supplyAsync(() -> trials.awaitTrial(handle));
    Thread.sleep(500);
    assertTrue(trainer.isAlive(), "still training before the cancel");

    temporal.requestCancelActivity();

    var thrown =
        assertThrows(
            java.util.concurrent.ExecutionException.class, () -> waiting.get(30, TimeUnit.SECONDS));
    assertTrue(
        thrown.getCause() instanceof CanceledFailure
            || thrown.getCause() instanceof ActivityFailure,
        thrown.toString());
    assertFalse(trainer.isAlive(), "the cancelled trainer's process is gone");
    assertEquals(RunStatus.KILLED, mlflow.getRun(handle.mlflowRunId()).getInfo().getStatus());
  }

  @Test
  void cancelTrial_twice_isFine() {
    TrialActivities trials = trials("sleep 30");
    TrialHandle handle = trials.launchTrial(request(parentRun()));

    trials.cancelTrial(handle);
    trials.cancelTrial(handle);

    assertFalse(
        ProcessHandle.of(LocalProcessJobLauncher.pid(new JobId(handle.jobId())))
            .map(ProcessHandle::isAlive)
            .orElse(false));
    assertEquals(RunStatus.KILLED, mlflow.getRun(handle.mlflowRunId()).getInfo().getStatus());
  }

  /**
   *
   *
   * <pre>
   *   try 1: trainer checkpoints, exits 75 ─▶ INTERRUPTED
   *   try 2: same run, RUNNING again, same folder ─▶ resumes from the checkpoint ─▶ SUCCEEDED
   * </pre>
   */
  @Test
  void launchTrial_afterAnInterruptedTry_continuesTheSameRunFromItsCheckpoint() throws Exception {
    String parent = parentRun();
    TrialActivities trials =
        trials(
            """
            d=$(dirname "$1")
            if [ -f "$d/checkpoint" ]; then
              echo '{"status":"SUCCEEDED","exit_code":0,"reason":"","last_step":10}' \
                > "$d/result.json"
              exit 0
            fi
            echo 5 > "$d/checkpoint"
            exit 75
            """);
    TrialHandle first = trials.launchTrial(request(parent));
    assertEquals("INTERRUPTED", trials.awaitTrial(first).status());

    TrialHandle second = trials.launchTrial(request(parent));

    assertEquals(first.mlflowRunId(), second.mlflowRunId(), "one run, one history");
    assertEquals(first.workDir(), second.workDir(), "the checkpoint's folder");
    Run resumed = mlflow.getRun(second.mlflowRunId());
    assertEquals(RunStatus.RUNNING, resumed.getInfo().getStatus());
    assertEquals("2", MlflowRuns.tag(resumed, AtelierTags.TRY_NUMBER).orElseThrow());
    assertTrue(
        MlflowRuns.tag(resumed, AtelierTags.STATUS).isEmpty(), "the last try's verdict is gone");
    assertTrue(
        Files.readString(Path.of(second.workDir(), "spec.json")).contains(first.mlflowRunId()),
        "the trainer is told to log into the same run");
    TrialOutcome outcome = trials.awaitTrial(second);
    assertEquals("SUCCEEDED", outcome.status());
    assertEquals(10, outcome.lastStep());
  }

  @Test
  void launchTrial_launchActivityRetried_sameRunAndSameJob() {
    TrialActivities trials = trials("sleep 30");
    String parent = parentRun();

    TrialHandle first = trials.launchTrial(request(parent));
    TrialHandle again = trials.launchTrial(request(parent));

    assertEquals(first, again);
    trials.cancelTrial(first);
  }

  /**
   * A cleared trial runs again in the same Dag run: a new MLflow run whose first try comes after
   * the finished one's, so its Job is a new one and not the old, finished process taken for it.
   */
  @Test
  void launchTrial_afterTheTrialFinishedAndWasCleared_newRunAndANewJob() {
    TrialActivities trials =
        trials(
            """
            d=$(dirname "$1")
            echo '{"status":"SUCCEEDED","exit_code":0,"reason":"","last_step":5}' > "$d/result.json"
            """);
    TrialHandle first = trials.launchTrial(request(parentRun()));
    assertEquals("SUCCEEDED", trials.awaitTrial(first).status());

    TrialHandle again = trials.launchTrial(request(parentRun()));

    assertNotEquals(first.mlflowRunId(), again.mlflowRunId(), "a new run for the new attempt");
    assertNotEquals(first.jobId(), again.jobId(), "a new Job, not the finished one");
    assertEquals(
        "2", MlflowRuns.tag(mlflow.getRun(again.mlflowRunId()), AtelierTags.TRY_NUMBER).get());
    assertEquals("SUCCEEDED", trials.awaitTrial(again).status());
  }
}
