package dev.atelier.trainers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.tracking.MlflowClient;

/**
 * A sweep stops a trial by tagging its MLflow run: the trainer process (a separate JVM, as the
 * platform runs it) sees the tag, finishes the step, leaves a resumable checkpoint and exits 4,
 * PRUNED, with the request's text as its reason; the run ends FINISHED, since a pruned trial did
 * nothing wrong. Against the real MLflow server that {@code ./atelier test} starts.
 */
class PrunedTrialTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  @Test
  void aStopRequestTagEndsTheTrialPrunedWithAResumableCheckpoint() throws Exception {
    String uri = System.getenv("ATELIER_MLFLOW_URI");
    if (uri == null || uri.isBlank()) {
      fail("ATELIER_MLFLOW_URI is not set: run ./atelier test, or export it to a running MLflow");
    }
    MlflowClient mlflow = new MlflowClient(uri);
    String runId =
        mlflow
            .createRun(mlflow.createExperiment("atelier/prune-test-" + UUID.randomUUID()))
            .getRunId();
    Path data = TestImages.solidFolder(tmp.resolve("data"), 8, 32, Color.GREEN);
    Path out = tmp.resolve("out");
    Path spec = tmp.resolve("spec.json");
    Files.writeString(
        spec,
        """
        {"trial_id": "t/0", "model": "dcgan32", "dataset": {"path": "%s"},
         "hyperparams": {"steps": 100000, "batch_size": 8, "latent_dim": 8, "g_width": 4,
                         "d_width": 4},
         "sample_every": 1000, "threads": 1, "output_dir": "%s",
         "mlflow": {"tracking_uri": "%s", "run_id": "%s"}}
        """
            .formatted(data, out, uri, runId));
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.atelier.trainers.TrainerMain",
                spec.toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("log.txt").toFile())
            .start();
    Path progress = out.resolve("progress.json");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!(Files.exists(progress) && JSON.readTree(progress.toFile()).path("step").asInt() > 0)) {
      assertTrue(p.isAlive(), () -> "trainer exited early: " + log());
      assertTrue(System.nanoTime() < deadline, () -> "no progress: " + log());
      Thread.sleep(200);
    }

    String why = "rung 1: fd_rgb8 30.2 is worse than the 3rd best of 9 at step 100";
    mlflow.setTag(runId, "atelier.stop_request", why);
    // The watcher polls every 2 s; a minute covers a loaded machine without hiding a trainer that
    // never looks.
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), () -> "the trainer did not stop: " + log());
    assertEquals(4, p.exitValue(), this::log);

    JsonNode result = JSON.readTree(out.resolve("result.json").toFile());
    assertEquals("PRUNED", result.get("status").asText());
    assertEquals(4, result.get("exit_code").asInt());
    assertEquals(why, result.get("reason").asText());
    int stoppedAt = result.get("last_step").asInt();
    JsonNode desc = JSON.readTree(out.resolve("checkpoints/final/checkpoint.json").toFile());
    assertEquals(stoppedAt, desc.get("step").asInt());
    assertTrue(
        Files.isRegularFile(out.resolve("checkpoints/final/optimizer_generator.safetensors")));

    Run run = mlflow.getRun(runId);
    assertEquals(RunStatus.FINISHED, run.getInfo().getStatus());
    assertEquals("PRUNED", tag(run, "atelier.status"));
    assertEquals(why, tag(run, "atelier.reason"));
    mlflow.close();
  }

  private static String tag(Run run, String key) {
    return run.getData().getTagsList().stream()
        .filter(t -> t.getKey().equals(key))
        .map(RunTag::getValue)
        .findFirst()
        .orElse(null);
  }

  private String log() {
    try {
      return Files.readString(tmp.resolve("log.txt"));
    } catch (Exception e) {
      return e.toString();
    }
  }
}
