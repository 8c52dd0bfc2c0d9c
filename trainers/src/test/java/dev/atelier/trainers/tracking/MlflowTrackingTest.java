package dev.atelier.trainers.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.trainers.TestImages;
import dev.atelier.trainers.TrialRunner;
import dev.atelier.trainers.spec.MlflowSpec;
import dev.atelier.trainers.train.SampleHook;
import dev.atelier.trainers.train.SampleOutput;
import dev.atelier.trainers.train.StopSignal;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.tracking.MlflowClient;

/**
 * Against the real MLflow server that {@code ./atelier test} starts (ATELIER_MLFLOW_URI). Runs are
 * created the way the platform creates trial runs, and everything is checked through MLflow's own
 * REST API, which is what the MLflow UI and the Python client read.
 */
class MlflowTrackingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static String uri;

  @TempDir Path tmp;
  private SampleHook hook = SampleHook.NONE;

  @BeforeAll
  static void needsMlflow() {
    uri = System.getenv("ATELIER_MLFLOW_URI");
    if (uri == null || uri.isBlank()) {
      fail("ATELIER_MLFLOW_URI is not set: run ./atelier test, or export it to a running MLflow");
    }
    uri = uri.replaceAll("/+$", "");
  }

  private static String newRun() {
    MlflowClient client = new MlflowClient(uri);
    String name = "atelier/trainer-test-" + UUID.randomUUID();
    String experiment = client.createExperiment(name);
    String runId = client.createRun(experiment).getRunId();
    client.close();
    return runId;
  }

  private int train(String runId, String dataset, int steps) throws Exception {
    return train(runId, dataset, steps, "", "");
  }

  /**
   * @param hyper more hyperparams, each preceded by a comma
   * @param extra more top-level fields, each followed by a comma
   */
  private int train(String runId, String dataset, int steps, String hyper, String extra)
      throws Exception {
    Path spec = tmp.resolve("spec.json");
    Files.writeString(
        spec,
        """
        {"trial_id": "t/0", "model": "dcgan32", "dataset": {"path": "%s"},
         "hyperparams": {"steps": %d, "batch_size": 8, "latent_dim": 8, "g_width": 4,
                         "d_width": 4 %s},
         "sample_every": 5, "threads": 1, "output_dir": "%s", %s
         "mlflow": {"tracking_uri": "%s", "run_id": "%s"}}
        """
            .formatted(dataset, steps, hyper, tmp.resolve("out"), extra, uri, runId));
    PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
    return new TrialRunner(quiet, System.err, new StopSignal(), s -> hook).run(spec);
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> res =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(uri + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, res.statusCode(), path + ": " + res.body());
    return JSON.readTree(res.body());
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String tag(JsonNode run, String key) {
    for (JsonNode t : run.path("data").path("tags")) {
      if (t.get("key").asText().equals(key)) {
        return t.get("value").asText();
      }
    }
    return null;
  }

  private static List<String> artifacts(String runId, String dir) throws Exception {
    List<String> paths = new ArrayList<>();
    for (JsonNode f :
        get("/api/2.0/mlflow/artifacts/list?run_id=" + runId + "&path=" + q(dir)).path("files")) {
      paths.add(f.get("path").asText());
    }
    return paths;
  }

  @Test
  void aTrialLogsOneLossPerStepGridsAndACheckpointAndFinishes() throws Exception {
    String runId = newRun();
    Path data = TestImages.solidFolder(tmp.resolve("data"), 8, 32, Color.ORANGE);
    assertEquals(0, train(runId, data.toString(), 12));

    JsonNode run = get("/api/2.0/mlflow/runs/get?run_id=" + runId).get("run");
    assertEquals("FINISHED", run.path("info").path("status").asText());
    assertEquals("SUCCEEDED", tag(run, "atelier.status"));
    for (String key :
        List.of(
            "loss_g",
            "loss_d",
            "d_real",
            "d_fake",
            "grad_norm_g",
            "grad_norm_d",
            "lr_g",
            "lr_d",
            "images_per_sec")) {
      JsonNode history =
          get("/api/2.0/mlflow/metrics/get-history?run_id=" + runId + "&metric_key=" + key)
              .path("metrics");
      List<Integer> steps = new ArrayList<>();
      history.forEach(m -> steps.add(m.get("step").asInt()));
      steps.sort(null);
      assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), steps, key);
    }
    assertEquals(
        List.of("samples/step_0000005.png", "samples/step_0000010.png", "samples/step_0000012.png"),
        artifacts(runId, "samples"));
    assertEquals(
        List.of(
            "checkpoints/final/checkpoint.json",
            "checkpoints/final/discriminator-0000.params",
            "checkpoints/final/generator-0000.params"),
        artifacts(runId, "checkpoints/final"));
    assertEquals(List.of("inputs/real_grid.png"), artifacts(runId, "inputs"));

    // Quality, on by default in the built-in rgb8 space: at every sample step and the last.
    for (String key :
        List.of(
            "fd_diag_rgb8",
            "fd_rgb8",
            "kid_rgb8",
            "diversity_rgb8",
            "diversity_real_rgb8",
            "mode_collapse",
            "novelty_nn_distance_rgb8")) {
      List<Integer> steps = new ArrayList<>();
      get("/api/2.0/mlflow/metrics/get-history?run_id=" + runId + "&metric_key=" + key)
          .path("metrics")
          .forEach(m -> steps.add(m.get("step").asInt()));
      steps.sort(null);
      assertEquals(List.of(5, 10, 12), steps, key);
    }
    assertEquals(
        List.of(
            "novelty/step_0000005.json",
            "novelty/step_0000005.png",
            "novelty/step_0000010.json",
            "novelty/step_0000010.png",
            "novelty/step_0000012.json",
            "novelty/step_0000012.png"),
        artifacts(runId, "novelty"));
    assertEquals(List.of("walks/final.gif", "walks/final.png"), artifacts(runId, "walks"));
    JsonNode params = run.path("data").path("params");
    List<String> quality = new ArrayList<>();
    params.forEach(
        p -> {
          if (p.get("key").asText().startsWith("quality")) {
            quality.add(p.get("key").asText() + "=" + p.get("value").asText());
          }
        });
    quality.sort(null);
    List<String> device = new ArrayList<>();
    params.forEach(
        p -> {
          if (p.get("key").asText().equals("device")) {
            device.add(p.get("value").asText());
          }
        });
    assertEquals(List.of("cpu"), device, "the device the trial trained on, a param");
    assertEquals(
        List.of("quality=on", "quality_every=5", "quality_features=rgb8", "quality_samples=256"),
        quality);

    String artifactPath =
        run.path("info").path("artifact_uri").asText().replaceFirst("^mlflow-artifacts:/+", "");
    HttpResponse<byte[]> png =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        uri
                            + "/api/2.0/mlflow-artifacts/artifacts/"
                            + artifactPath
                            + "/samples/step_0000012.png"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    BufferedImage grid = ImageIO.read(new ByteArrayInputStream(png.body()));
    assertEquals(8 * 32, grid.getWidth());
  }

  @Test
  void aSampleHooksMetricsAndArtifactsAreLoggedAtTheSampleStep() throws Exception {
    String runId = newRun();
    Path data = TestImages.solidFolder(tmp.resolve("data"), 8, 32, Color.ORANGE);
    hook =
        c ->
            new SampleOutput(
                Map.of("kid_test", c.step() / 100.0),
                Map.of(
                    String.format("quality/walk_%07d.json", c.step()),
                    "{}".getBytes(StandardCharsets.UTF_8)));
    assertEquals(0, train(runId, data.toString(), 10));
    JsonNode history =
        get("/api/2.0/mlflow/metrics/get-history?run_id=" + runId + "&metric_key=kid_test")
            .path("metrics");
    List<String> points = new ArrayList<>();
    history.forEach(m -> points.add(m.get("step").asInt() + "=" + m.get("value").asDouble()));
    points.sort(null);
    assertEquals(List.of("10=0.1", "5=0.05"), points);
    assertEquals(
        List.of("quality/walk_0000005.json", "quality/walk_0000010.json"),
        artifacts(runId, "quality"));
  }

  @Test
  void aDivergedTrialEndsFailedWithTheReasonAsATag() throws Exception {
    String runId = newRun();
    Path data = TestImages.solidFolder(tmp.resolve("data"), 8, 32, Color.ORANGE);
    // The largest learning rate a spec allows, and a short window: D wins within a few steps.
    assertEquals(
        3, train(runId, data.toString(), 100, ", \"lr\": 1", "\"divergence\": {\"window\": 3},"));
    JsonNode run = get("/api/2.0/mlflow/runs/get?run_id=" + runId).get("run");
    assertEquals("FAILED", run.path("info").path("status").asText());
    assertEquals("DIVERGED", tag(run, "atelier.status"));
    String reason = tag(run, "atelier.reason");
    assertTrue(
        reason.matches("loss_[dg] (was (NaN|[+-]Inf) at step \\d+|stayed below 0.0001 .*)"),
        reason);
  }

  @Test
  void aBadSpecMarksTheRunFailedWithTheReason() throws Exception {
    String runId = newRun();
    assertEquals(2, train(runId, "/no/such/images", 3));
    JsonNode run = get("/api/2.0/mlflow/runs/get?run_id=" + runId).get("run");
    assertEquals("FAILED", run.path("info").path("status").asText());
    assertEquals("BAD_SPEC", tag(run, "atelier.status"));
    assertEquals("dataset.path: '/no/such/images' does not exist", tag(run, "atelier.reason"));
  }

  @Test
  void aRunIdTheServerDoesNotKnowIsABadSpec() throws Exception {
    Path data = TestImages.solidFolder(tmp.resolve("data"), 2, 32, Color.ORANGE);
    String unknown = "0123456789abcdef0123456789abcdef";
    assertEquals(2, train(unknown, data.toString(), 3));
    JsonNode result = JSON.readTree(tmp.resolve("out/result.json").toFile());
    assertEquals(
        "mlflow.run_id: '" + unknown + "' does not exist at " + uri, result.get("reason").asText());
  }

  /**
   * A relaunched trial resumes from its last checkpoint (step 6 here) into the run that already
   * holds steps up to 10: steps 7 to 10 are trained again but must not appear twice.
   */
  @Test
  void aResumedRunLogsNoStepTwiceAndLeavesNoGap() throws Exception {
    String runId = newRun();
    MlflowSpec spec = new MlflowSpec(uri, Optional.of(runId), Optional.empty());
    MlflowRun first = MlflowRun.open(spec, "trial-0", tmp, System.err);
    for (int step = 1; step <= 10; step++) {
      first.metric("loss_g", step, step);
    }
    first.end(
        "INTERRUPTED",
        "preempted",
        org.mlflow.api.proto.Service.RunStatus.KILLED,
        Optional.empty());
    MlflowRun resumed = MlflowRun.open(spec, "trial-0", tmp, System.err);
    for (int step = 7; step <= 15; step++) {
      resumed.metric("loss_g", 100 + step, step);
    }
    resumed.end("SUCCEEDED", "", org.mlflow.api.proto.Service.RunStatus.FINISHED, Optional.empty());

    JsonNode history =
        get("/api/2.0/mlflow/metrics/get-history?run_id=" + runId + "&metric_key=loss_g")
            .get("metrics");
    List<Long> steps = new ArrayList<>();
    history.forEach(m -> steps.add(m.get("step").asLong()));
    steps.sort(null);
    assertEquals(java.util.stream.LongStream.rangeClosed(1, 15).boxed().toList(), steps);
  }
}
