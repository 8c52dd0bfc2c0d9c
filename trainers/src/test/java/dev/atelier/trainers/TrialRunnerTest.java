package dev.atelier.trainers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.trainers.train.StopSignal;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialRunnerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String datasetPath, int steps) throws Exception {
    return run(datasetPath, steps, "dcgan32");
  }

  private int run(String datasetPath, int steps, String model) throws Exception {
    return run(datasetPath, steps, model, "");
  }

  /**
   * @param extra more top-level fields, each followed by a comma
   */
  private int run(String datasetPath, int steps, String model, String extra) throws Exception {
    Path spec = tmp.resolve("spec.json");
    Files.writeString(
        spec,
        """
        {"trial_id": "t/0", "model": "%s", "dataset": {"path": "%s"},
         "hyperparams": {"steps": %d, "batch_size": 8, "latent_dim": 8, "g_width": 4, "d_width": 4},
         "sample_every": 2, "threads": 1, %s "output_dir": "%s"}
        """
            .formatted(model, datasetPath, steps, extra, tmp.resolve("out")));
    return new TrialRunner(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new StopSignal())
        .run(spec);
  }

  private JsonNode result() throws Exception {
    return JSON.readTree(tmp.resolve("out/result.json").toFile());
  }

  @Test
  void aMissingDatasetExitsWithTheBadSpecCodeAndSaysWhy() throws Exception {
    assertEquals(2, run("/no/such/images", 3));
    String reason = "dataset.path: '/no/such/images' does not exist";
    assertTrue(err.toString(StandardCharsets.UTF_8).contains(reason), err::toString);
    assertEquals("BAD_SPEC", result().get("status").asText());
    assertEquals(2, result().get("exit_code").asInt());
    assertEquals(reason, result().get("reason").asText());
  }

  @Test
  void aFolderOfUndecodableImagesExitsWithTheBadSpecCode() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(data.resolve("a.png"), "not a png");
    assertEquals(2, run(data.toString(), 3));
    assertEquals(
        "dataset.path: '" + data + "' holds no readable images (1 files could not be decoded)",
        result().get("reason").asText());
  }

  @Test
  void aGoodSpecTrainsAndLeavesResultAndProgressBehind() throws Exception {
    Path data = TestImages.solidFolder(tmp.resolve("data"), 8, 32, Color.BLUE);
    assertEquals(0, run(data.toString(), 3), err::toString);
    assertEquals("SUCCEEDED", result().get("status").asText());
    assertEquals(3, result().get("last_step").asInt());
    assertTrue(result().get("metrics").has("fd_diag_rgb8"));
    JsonNode progress = JSON.readTree(tmp.resolve("out/progress.json").toFile());
    assertEquals(3, progress.get("step").asInt());
    assertEquals(3, progress.get("steps").asInt());
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("step 3/3 loss_g="), out::toString);
  }

  @Test
  void qualityIsMeasuredInTheBuiltInFeatureSpaceAndItsFilesLandInTheOutputFolder()
      throws Exception {
    Path data = TestImages.solidFolder(tmp.resolve("data"), 3, 32, Color.BLUE);
    TestImages.solidFolder(tmp.resolve("data/more"), 3, 32, Color.YELLOW);
    String quality =
        """
        "quality": {"every": 4, "samples": 32, "walk_keyframes": 4, "walk_frames": 3},
        """;
    assertEquals(0, run(data.toString(), 6, "dcgan32", quality), err::toString);
    Path out = tmp.resolve("out");
    JsonNode metrics = result().get("metrics");
    for (String m :
        List.of(
            "fd_rgb8",
            "kid_rgb8",
            "diversity_rgb8",
            "diversity_real_rgb8",
            "mode_collapse",
            "novelty_nn_distance_rgb8",
            "fd_diag_rgb8")) {
      assertTrue(metrics.has(m), m + " missing from " + metrics);
    }
    // Measured at step 4 (every) and 6 (the last), not at 2 (a sample step only).
    List<String> lines = Files.readAllLines(out.resolve("sample_metrics.jsonl"));
    assertEquals(3, lines.size(), lines::toString);
    assertTrue(!JSON.readTree(lines.get(0)).has("fd_rgb8"), lines.get(0));
    // What a sweep's stop rules read is in every line, quality step or not.
    assertTrue(JSON.readTree(lines.get(0)).has("loss_d_avg"), lines.get(0));
    assertEquals(4, JSON.readTree(lines.get(1)).get("step").asInt());
    assertTrue(JSON.readTree(lines.get(1)).has("kid_rgb8"), lines.get(1));
    for (String f :
        List.of(
            "novelty/step_0000004.json",
            "novelty/step_0000004.png",
            "novelty/step_0000006.json",
            "novelty/step_0000006.png",
            "walks/final.png")) {
      assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
    assertTrue(Files.notExists(out.resolve("novelty/step_0000002.json")));
    JsonNode novelty = JSON.readTree(out.resolve("novelty/step_0000006.json").toFile());
    assertEquals("rgb8", novelty.get("feature_space").asText());
    assertEquals(64, novelty.get("samples").size());
    assertEquals(4 * 3, GifFrames.count(out.resolve("walks/final.gif")));
    // keep_best_by defaults to the feature space's FD, recorded with the checkpoint.
    JsonNode ckpt = JSON.readTree(out.resolve("checkpoints/final/checkpoint.json").toFile());
    assertEquals("fd_rgb8", ckpt.path("quality").path("metric").asText());
  }

  @Test
  void anExtractorThatIsNoTorchScriptStopsTheTrialBeforeTrainingAsABadSpec() throws Exception {
    Path data = TestImages.solidFolder(tmp.resolve("data"), 2, 32, Color.BLUE);
    Path model = tmp.resolve("inception.pt");
    Files.writeString(model, "not a model");
    String quality =
        """
        "quality": {"extractor": {"path": "%s", "name": "inception"}},
        """
            .formatted(model);
    assertEquals(2, run(data.toString(), 3, "dcgan32", quality));
    assertTrue(
        result()
            .get("reason")
            .asText()
            .startsWith("quality.extractor.path: '" + model + "' is not a loadable TorchScript"),
        result()::toString);
    assertTrue(Files.notExists(tmp.resolve("out/checkpoints")));
  }

  @Test
  void aDcgan128TrialTrainsOn128PixelImages() throws Exception {
    Path data = TestImages.solidFolder(tmp.resolve("data"), 4, 200, Color.GREEN);
    assertEquals(0, run(data.toString(), 2, "dcgan128"), err::toString);
    assertEquals(2, result().get("last_step").asInt());
    JsonNode ckpt = JSON.readTree(tmp.resolve("out/checkpoints/final/checkpoint.json").toFile());
    assertEquals("dcgan128", ckpt.get("model").asText());
    assertEquals(128, ckpt.get("image_size").asInt());
  }
}
