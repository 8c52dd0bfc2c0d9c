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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conditional, progressive, r3gan and stylegan2 models through the CLI's runner, on small
 * generated images.
 */
class ModelCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String model, Path data, String extra) throws Exception {
    Path spec = tmp.resolve("spec.json");
    Files.writeString(
        spec,
        """
        {"trial_id": "t/0", "model": "%s", "dataset": {"path": "%s"%s},
         "hyperparams": {"steps": 4, "batch_size": 8, "latent_dim": 8, "g_width": 4, "d_width": 4},
         "sample_every": 2, "threads": 1, "output_dir": "%s"}
        """
            .formatted(model, data, extra, tmp.resolve("out")));
    return new TrialRunner(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new StopSignal())
        .run(spec);
  }

  private JsonNode checkpoint() throws Exception {
    return JSON.readTree(tmp.resolve("out/checkpoints/final/checkpoint.json").toFile());
  }

  @Test
  void aConditionalTrialTrainsOnClassFoldersAndItsCheckpointNamesThem() throws Exception {
    Path data = tmp.resolve("data");
    TestImages.solidFolder(data.resolve("blue"), 3, 40, Color.BLUE);
    TestImages.solidFolder(data.resolve("red"), 5, 40, Color.RED);
    assertEquals(0, run("cdcgan32", data, ""), err::toString);
    JsonNode ckpt = checkpoint();
    assertEquals("cdcgan32", ckpt.get("model").asText());
    assertEquals("[\"blue\",\"red\"]", ckpt.get("class_names").toString());
    assertTrue(
        JSON.readTree(tmp.resolve("out/result.json").toFile()).get("metrics").has("fd_diag_rgb8"));
  }

  @Test
  void aConditionalTrialOnAFlatFolderIsABadSpec() throws Exception {
    Path data = TestImages.solidFolder(tmp.resolve("data"), 2, 32, Color.RED);
    assertEquals(2, run("cdcgan32", data, ""));
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("directly in the folder"), err::toString);
  }

  @Test
  void aProganTrialGrowsToTheDatasetSizeAndItsCheckpointSaysWhereItStands() throws Exception {
    Path data = TestImages.solidFolder(tmp.resolve("data"), 4, 50, Color.GREEN);
    String grow =
        ", \"image_size\": 32}, \"progressive\": {\"start_size\": 8, \"fade_in_images\": 8,"
            + " \"stabilise_images\": 8";
    assertEquals(0, run("progan", data, grow), err::toString);
    JsonNode ckpt = checkpoint();
    assertEquals("progan", ckpt.get("model").asText());
    assertEquals(32, ckpt.get("image_size").asInt());
    // 4 steps of 8 images: 8x8, fade to 16 (alpha 0), 16x16, fade to 32 (alpha 0) last.
    assertEquals(32, ckpt.get("progressive").get("resolution").asInt());
    assertEquals(0.0, ckpt.get("progressive").get("alpha").asDouble());
    assertEquals(
        0.0,
        JSON.readTree(tmp.resolve("out/result.json").toFile())
            .get("metrics")
            .get("alpha")
            .asDouble());
  }

  /**
   * r3gan at 64x64 with the model's defaults (rpgan, R1 and R2, betas 0 and 0.99, 2 blocks per
   * stage): its checkpoint records what rebuilds the generator, and the walk command draws from it
   * exactly the trial's own final walk.
   */
  @Test
  void anR3ganTrialAtItsSizeIsRebuiltFromItsCheckpointByTheWalkCommand() throws Exception {
    Path data = TestImages.solidFolder(tmp.resolve("data"), 4, 64, Color.ORANGE);
    assertEquals(0, run("r3gan", data, ", \"image_size\": 64"), err::toString);
    JsonNode ckpt = checkpoint();
    assertEquals("r3gan", ckpt.get("model").asText());
    assertEquals(64, ckpt.get("image_size").asInt());
    JsonNode hp = ckpt.get("hyperparams");
    assertEquals("rpgan", hp.get("loss").asText());
    assertEquals(0.1, hp.get("r1_gamma").asDouble());
    assertEquals(0.1, hp.get("r2_gamma").asDouble());
    assertEquals(0.0, hp.get("beta1").asDouble());
    assertEquals(2, hp.get("blocks_per_stage").asInt());
    assertEquals(16, hp.get("group_channels").asInt());
    Path walks = tmp.resolve("walks");
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    PrintStream p = new PrintStream(said, true, StandardCharsets.UTF_8);
    assertEquals(
        0,
        WalkMain.run(
            new String[] {
              tmp.resolve("out/checkpoints/final").toString(), "--out", walks.toString()
            },
            p,
            p),
        said::toString);
    assertEquals(
        java.util.Arrays.toString(Files.readAllBytes(tmp.resolve("out/walks/final.gif"))),
        java.util.Arrays.toString(Files.readAllBytes(walks.resolve("walk_step_0000004.gif"))));
  }

  /**
   * stylegan2 with the model's defaults: its checkpoint records what rebuilds the generator (w_dim,
   * mapping_layers), a sample step leaves a style-mixing sheet, the walk command draws the trial's
   * own final walk from it, and --truncation is checked and applied.
   */
  @Test
  void aStyleGan2TrialIsRebuiltFromItsCheckpointAndWalksWithTruncation() throws Exception {
    Path data = TestImages.solidFolder(tmp.resolve("data"), 4, 32, Color.ORANGE);
    assertEquals(0, run("stylegan2", data, ""), err::toString);
    JsonNode ckpt = checkpoint();
    assertEquals("stylegan2", ckpt.get("model").asText());
    JsonNode hp = ckpt.get("hyperparams");
    assertEquals(8, hp.get("w_dim").asInt());
    assertEquals(2, hp.get("mapping_layers").asInt());
    assertEquals(16, hp.get("r1_interval").asInt());
    assertEquals(0.0, hp.get("beta1").asDouble());
    assertTrue(Files.isRegularFile(tmp.resolve("out/samples/style_mixing_0000004.png")));
    Path walks = tmp.resolve("walks");
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    PrintStream p = new PrintStream(said, true, StandardCharsets.UTF_8);
    String dir = tmp.resolve("out/checkpoints/final").toString();
    assertEquals(
        0, WalkMain.run(new String[] {dir, "--out", walks.toString()}, p, p), said::toString);
    byte[] own = Files.readAllBytes(tmp.resolve("out/walks/final.gif"));
    assertEquals(
        java.util.Arrays.toString(own),
        java.util.Arrays.toString(Files.readAllBytes(walks.resolve("walk_step_0000004.gif"))));
    assertEquals(
        0,
        WalkMain.run(new String[] {dir, "--out", walks.toString(), "--truncation", "0"}, p, p),
        said::toString);
    assertTrue(said.toString().contains("; truncation 0.0"), said::toString);
    assertTrue(
        !java.util.Arrays.equals(own, Files.readAllBytes(walks.resolve("walk_step_0000004.gif"))),
        "psi 0 draws another walk");
    said.reset();
    assertEquals(2, WalkMain.run(new String[] {dir, "--truncation", "1.5"}, p, p));
    assertTrue(said.toString().contains("walk: --truncation: 1.5 must be in 0..1"), said::toString);
  }

  @Test
  void classNamesFitMlflowsParamLimitSayingHowManyAreLeftOut() {
    assertEquals("blue,red", TrialRunner.classNames(java.util.List.of("blue", "red")));
    java.util.List<String> many =
        java.util.stream.IntStream.range(0, 200).mapToObj(i -> "class" + i).toList();
    String p = TrialRunner.classNames(many);
    assertTrue(p.length() <= 500, p);
    assertTrue(p.startsWith("class0,class1,"), p);
    int shown = p.split(",").length - 1;
    assertTrue(p.endsWith(",... (" + (200 - shown) + " more)"), p);
  }
}
