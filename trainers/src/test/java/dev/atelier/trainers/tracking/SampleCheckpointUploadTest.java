package dev.atelier.trainers.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.trainers.TestImages;
import dev.atelier.trainers.TrialRunner;
import dev.atelier.trainers.train.StopSignal;
import java.awt.Color;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.tracking.MlflowClient;

/**
 * Every grid a lead can look at can be promoted: at each sample step the generator that drew it
 * reaches MLflow under {@code checkpoints/step_NNNNNNN/}, whether that step also wrote a resumable
 * checkpoint or not, and even when retention deletes the local copy right after. Against the real
 * MLflow server (ATELIER_MLFLOW_URI), read back through its REST API.
 */
class SampleCheckpointUploadTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static String uri;

  @TempDir Path tmp;

  @BeforeAll
  static void needsMlflow() {
    uri = System.getenv("ATELIER_MLFLOW_URI");
    if (uri == null || uri.isBlank()) {
      fail("ATELIER_MLFLOW_URI is not set: run ./atelier test, or export it to a running MLflow");
    }
    uri = uri.replaceAll("/+$", "");
  }

  /**
   * Sample steps 5, 10, 15 and the last (16); resumable checkpoints at 10 only, keep_last 1. Step 5
   * and 15 have a generator-only snapshot, step 10 the step checkpoint, 16 the final one.
   */
  @Test
  void everySampleStep_uploadsItsGeneratorAndDescriptor_theLastIsFinal() throws Exception {
    String runId = newRun();
    Path out = train(runId, 16, 10, 1);

    for (int step : List.of(5, 10, 15)) {
      String dir = String.format("checkpoints/step_%07d", step);
      assertEquals(
          List.of(dir + "/checkpoint.json", dir + "/generator-0000.params"),
          artifacts(runId, dir),
          "step " + step + " keeps the generator and descriptor, not D or the optimizers");
      JsonNode d = JSON.readTree(download(runId, dir + "/checkpoint.json"));
      assertEquals(step, d.path("step").asInt(), dir + "/checkpoint.json names its own step");
    }
    assertEquals(List.of(), artifacts(runId, "checkpoints/step_0000016"));
    assertEquals(
        16,
        JSON.readTree(download(runId, "checkpoints/final/checkpoint.json")).get("step").asInt());
    // The uploaded step-10 generator is the very file of the resumable checkpoint at step 10.
    assertArrayEquals(
        Files.readAllBytes(out.resolve("checkpoints/step_0000010/generator-0000.params")),
        download(runId, "checkpoints/step_0000010/generator-0000.params"));
    // Trained between 5 and 15: different weights, so each step's file is that step's.
    assertFalse(
        Arrays.equals(
            download(runId, "checkpoints/step_0000005/generator-0000.params"),
            download(runId, "checkpoints/step_0000015/generator-0000.params")));
    try (Stream<Path> left = Files.list(out.resolve("checkpoints"))) {
      assertEquals(
          List.of("final", "step_0000010"),
          left.map(p -> p.getFileName().toString()).sorted().toList(),
          "no snapshot folder stays behind");
    }
  }

  /**
   * Resumable checkpoints at every sample step with keep_last 1: retention deletes step 4's folder
   * when step 8's is written, after step 4's files were queued for upload.
   */
  @Test
  void retention_deletesALocalStepCheckpoint_afterItsUploadWasQueued() throws Exception {
    String runId = newRun();
    Path out = train(runId, 9, 4, 1, 4);

    assertFalse(Files.exists(out.resolve("checkpoints/step_0000004")), "pruned locally");
    JsonNode d = JSON.readTree(download(runId, "checkpoints/step_0000004/checkpoint.json"));
    assertEquals(4, d.path("step").asInt());
    assertEquals(
        List.of(
            "checkpoints/step_0000004/checkpoint.json",
            "checkpoints/step_0000004/generator-0000.params"),
        artifacts(runId, "checkpoints/step_0000004"));
  }

  private Path train(String runId, int steps, int checkpointEvery, int keepLast) throws Exception {
    return train(runId, steps, checkpointEvery, keepLast, 5);
  }

  private Path train(String runId, int steps, int checkpointEvery, int keepLast, int sampleEvery)
      throws Exception {
    Path data = TestImages.solidFolder(tmp.resolve("data"), 8, 32, Color.ORANGE);
    Path out = tmp.resolve("out");
    Path spec = tmp.resolve("spec.json");
    Files.writeString(
        spec,
        """
        {"trial_id": "t/0", "model": "dcgan32", "dataset": {"path": "%s"},
         "hyperparams": {"steps": %d, "batch_size": 8, "latent_dim": 8, "g_width": 4,
                         "d_width": 4},
         "sample_every": %d, "checkpoint_every": %d, "keep_last": %d,
         "quality": {"enabled": false}, "threads": 1, "output_dir": "%s",
         "mlflow": {"tracking_uri": "%s", "run_id": "%s"}}
        """
            .formatted(data, steps, sampleEvery, checkpointEvery, keepLast, out, uri, runId));
    PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
    assertEquals(0, new TrialRunner(quiet, System.err, new StopSignal()).run(spec));
    return out;
  }

  private static String newRun() {
    MlflowClient client = new MlflowClient(uri);
    String experiment = client.createExperiment("atelier/trainer-test-" + UUID.randomUUID());
    String runId = client.createRun(experiment).getRunId();
    client.close();
    return runId;
  }

  private static List<String> artifacts(String runId, String dir) throws Exception {
    HttpResponse<String> res =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        uri
                            + "/api/2.0/mlflow/artifacts/list?run_id="
                            + runId
                            + "&path="
                            + URLEncoder.encode(dir, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, res.statusCode(), res.body());
    List<String> paths = new ArrayList<>();
    JSON.readTree(res.body()).path("files").forEach(f -> paths.add(f.get("path").asText()));
    return paths;
  }

  private static byte[] download(String runId, String path) throws Exception {
    HttpResponse<byte[]> res =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        uri
                            + "/get-artifact?run_id="
                            + runId
                            + "&path="
                            + URLEncoder.encode(path, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, res.statusCode(), path);
    return res.body();
  }
}
