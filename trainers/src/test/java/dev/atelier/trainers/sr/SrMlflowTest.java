package dev.atelier.trainers.sr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.trainers.TrialRunner;
import dev.atelier.trainers.train.StopSignal;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.tracking.MlflowClient;

/**
 * An srgan4x trial against the real MLflow server (ATELIER_MLFLOW_URI), read back through MLflow's
 * REST API: SR's params and metrics, the side-by-side samples and the exported checkpoint.
 */
class SrMlflowTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path tmp;

  private static String uri() {
    String uri = System.getenv("ATELIER_MLFLOW_URI");
    if (uri == null || uri.isBlank()) {
      fail("ATELIER_MLFLOW_URI is not set: run ./atelier test, or export it to a running MLflow");
    }
    return uri.replaceAll("/+$", "");
  }

  private static byte[] get(String path) throws Exception {
    HttpResponse<byte[]> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(uri() + path)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode(), path + ": " + new String(r.body()));
    return r.body();
  }

  private static JsonNode json(String path) throws Exception {
    return JSON.readTree(get(path));
  }

  @Test
  void anSrTrialLogsParamsMetricsSideBySideSamplesAndItsCheckpoint() throws Exception {
    String runId;
    try (MlflowClient client = new MlflowClient(uri())) {
      runId =
          client
              .createRun(client.createExperiment("atelier/sr-test-" + UUID.randomUUID()))
              .getRunId();
    }
    Path data = SmoothImages.folder(tmp.resolve("data"), 8, 16, 2);
    Path spec = tmp.resolve("spec.json");
    Files.writeString(
        spec,
        """
        {"trial_id": "t/sr", "model": "srgan4x", "dataset": {"path": "%s", "image_size": 16},
         "hyperparams": {"steps": 3, "batch_size": 4, "g_width": 4, "d_width": 4,
                         "residual_blocks": 1},
         "probe": {"count": 2}, "sample_every": 2, "threads": 1, "output_dir": "%s",
         "mlflow": {"tracking_uri": "%s", "run_id": "%s"}}
        """
            .formatted(data, tmp.resolve("out"), uri(), runId));
    assertEquals(0, new TrialRunner(System.out, System.err, new StopSignal()).run(spec));

    JsonNode run = json("/api/2.0/mlflow/runs/get?run_id=" + runId).get("run");
    assertEquals("FINISHED", run.get("info").get("status").asText());
    List<String> params = new ArrayList<>();
    run.get("data")
        .get("params")
        .forEach(p -> params.add(p.get("key").asText() + "=" + p.get("value").asText()));
    assertTrue(params.contains("model=srgan4x"), params.toString());
    assertTrue(params.contains("residual_blocks=1"), params.toString());
    assertTrue(params.contains("input_size=4"), params.toString());
    String history = "/api/2.0/mlflow/metrics/get-history?run_id=" + runId + "&metric_key=";
    assertEquals(3, json(history + "loss_content").get("metrics").size());
    assertEquals(3, json(history + "loss_d").get("metrics").size());
    JsonNode psnr = json(history + "psnr").get("metrics");
    assertEquals(2, psnr.size()); // steps 2 and 3 (the last)
    assertTrue(psnr.get(0).get("value").asDouble() > 5, psnr.toString());
    for (String name : List.of("fd_patch4", "kid_patch4", "quality_seconds")) {
      assertEquals(2, json(history + name).get("metrics").size(), name);
    }
    for (String p :
        List.of("ema_decay=0.999", "keep_best_by=psnr", "quality=on", "quality_features=patch4")) {
      assertTrue(params.contains(p), p + " not in " + params);
    }

    BufferedImage sample =
        ImageIO.read(
            new ByteArrayInputStream(
                get("/get-artifact?run_uuid=" + runId + "&path=samples/step_0000002.png")));
    // Two probe images, one group of three 16 px tiles (input | SR | truth) per row.
    assertTrue(sample.getWidth() >= 3 * 16 && sample.getHeight() >= 2 * 16, sample.toString());
    JsonNode ckpt =
        JSON.readTree(
            get("/get-artifact?run_uuid=" + runId + "&path=checkpoints/final/checkpoint.json"));
    assertEquals("srgan4x", ckpt.get("model").asText());
    assertTrue(ckpt.get("generator_is_weight_average").asBoolean(), ckpt.toString());
  }
}
