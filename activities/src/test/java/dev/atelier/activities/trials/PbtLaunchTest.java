package dev.atelier.activities.trials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.activities.Services;
import dev.atelier.activities.jobs.LocalProcessJobLauncher;
import dev.atelier.activities.mlflow.AtelierTags;
import dev.atelier.activities.mlflow.MlflowRuns;
import dev.atelier.workflows.activities.TrialActivities;
import dev.atelier.workflows.activities.TrialHandle;
import dev.atelier.workflows.activities.TrialRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.tracking.MlflowClient;

/**
 * PBT's exploit step at launch: the donor trial's checkpoint (of the same task and run) at the
 * asked step, or its newest before it, is copied into the new trial's folder as {@code init/}, the
 * spec points the trainer at it, and the run records its lineage. Donor folders are made by hand; a
 * bash script plays the trainer.
 */
class PbtLaunchTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN = "manual__2026-12-06T09:00:00+00:00";
  private final MlflowClient mlflow = Services.mlflow();
  private final String dagId = "test_pbt_" + UUID.randomUUID().toString().substring(0, 8);
  private final TestActivityEnvironment temporal = TestActivityEnvironment.newInstance();
  @TempDir Path workDir;

  @AfterEach
  void close() {
    temporal.close();
  }

  private TrialActivities trials() {
    temporal.registerActivitiesImplementations(
        new TrialActivitiesImpl(
            mlflow,
            new LocalProcessJobLauncher(workDir, Duration.ofSeconds(5)),
            TrialJobSettings.local(List.of("bash", "-c", "exit 0", "fake-trainer"), Map.of()),
            workDir,
            Services.env("ATELIER_MLFLOW_URI"),
            OptionalInt.of(1),
            Duration.ofMillis(100)));
    return temporal.newActivityStub(
        TrialActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(1))
            .setRetryOptions(
                io.temporal.common.RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  /** Donor 0 with checkpoints at steps 4 (step_0000004) and 8 (final). */
  private void donor() throws Exception {
    Path root = TrialDirs.of(workDir, dagId, RUN, "train", 0).resolve("checkpoints");
    for (var c : Map.of("step_0000004", 4, "final", 8).entrySet()) {
      Path dir = Files.createDirectories(root.resolve(c.getKey()));
      Files.writeString(dir.resolve("checkpoint.json"), "{\"step\": " + c.getValue() + "}");
      Files.writeString(dir.resolve("generator-0000.params"), "weights of step " + c.getValue());
    }
  }

  private TrialRequest request(int mapIndex, int step) {
    return new TrialRequest(
        dagId,
        RUN,
        "train",
        mapIndex,
        null,
        null,
        Map.of("lr", 0.0004, "steps", 20),
        Map.of("path", workDir.toString(), "image_size", 32),
        1234,
        0,
        Map.of(),
        null,
        Map.of("map_index", 0, "step", step));
  }

  @Test
  void launchTrial_donorHasACheckpointBeforeTheStep_copiedAsInitWithItsLineage() throws Exception {
    donor();
    TrialActivities trials = trials();

    TrialHandle handle = trials.launchTrial(request(5, 6));

    Path dir = Path.of(handle.workDir());
    assertEquals("weights of step 4", Files.readString(dir.resolve("init/generator-0000.params")));
    JsonNode spec = JSON.readTree(dir.resolve("spec.json").toFile());
    assertEquals("init", spec.path("init_from").path("path").asText());
    Run run = mlflow.getRun(handle.mlflowRunId());
    assertEquals("0", MlflowRuns.tag(run, AtelierTags.PBT_PARENT).orElseThrow());
    assertEquals("4", MlflowRuns.tag(run, AtelierTags.PBT_PARENT_STEP).orElseThrow());

    // final/ counts, with the step its checkpoint.json names.
    TrialHandle later = trials.launchTrial(request(6, 8));
    assertEquals(
        "weights of step 8",
        Files.readString(Path.of(later.workDir(), "init/generator-0000.params")));
  }

  @Test
  void launchTrial_donorHasNoCheckpointThatEarly_nonRetryableFailureNamingDonorAndStep()
      throws Exception {
    donor();
    ActivityFailure e =
        assertThrows(ActivityFailure.class, () -> trials().launchTrial(request(5, 3)));

    ApplicationFailure cause = (ApplicationFailure) e.getCause();
    assertTrue(cause.isNonRetryable());
    assertTrue(
        cause
            .getOriginalMessage()
            .startsWith("init_from: donor trial 0 has no checkpoint at step 3"),
        cause.getOriginalMessage());
    assertTrue(
        Files.notExists(TrialDirs.of(workDir, dagId, RUN, "train", 5).resolve("init")),
        "nothing copied");
  }
}
