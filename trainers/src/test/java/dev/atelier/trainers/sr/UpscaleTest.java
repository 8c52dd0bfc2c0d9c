package dev.atelier.trainers.sr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.trainers.TestImages;
import dev.atelier.trainers.TrialRunner;
import dev.atelier.trainers.train.StopSignal;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer CLI trains an srgan4x trial (and a tiny dcgan32 one) from spec files; {@code upscale}
 * then enlarges the GAN's samples and a folder of images with the SR checkpoint.
 */
class UpscaleTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  private static Path sr;
  private static Path gan;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void trainBoth() throws Exception {
    Path smooth = SmoothImages.folder(tmp.resolve("smooth"), 12, 32, 4);
    assertEquals(
        0,
        trainer(
            """
            {"trial_id": "t/sr", "model": "srgan4x",
             "dataset": {"path": "%s", "image_size": 32},
             "hyperparams": {"steps": 4, "batch_size": 4, "g_width": 8, "d_width": 4,
                             "residual_blocks": 1, "content_loss": "mse"},
             "probe": {"count": 3}, "sample_every": 2, "threads": 1, "output_dir": "%s"}
            """
                .formatted(smooth, tmp.resolve("sr"))));
    sr = tmp.resolve("sr/checkpoints/final");
    Path blue = TestImages.solidFolder(tmp.resolve("blue"), 4, 32, Color.BLUE);
    assertEquals(
        0,
        trainer(
            """
            {"trial_id": "t/gan", "model": "dcgan32", "dataset": {"path": "%s"},
             "hyperparams": {"steps": 1, "batch_size": 4, "latent_dim": 8, "g_width": 4,
                             "d_width": 4},
             "threads": 1, "output_dir": "%s"}
            """
                .formatted(blue, tmp.resolve("gan"))));
    gan = tmp.resolve("gan/checkpoints/final");
  }

  private static int trainer(String spec) throws Exception {
    Path file = Files.createTempFile(tmp, "spec", ".json");
    Files.writeString(file, spec);
    return new TrialRunner(System.out, System.err, new StopSignal()).run(file);
  }

  private int upscale(String... args) {
    return new Upscale(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(args);
  }

  private String errors() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theSrTrialLeavesAnSrgan4xCheckpointAndPsnrInItsResult() throws Exception {
    JsonNode ckpt = JSON.readTree(sr.resolve("checkpoint.json").toFile());
    assertEquals("srgan4x", ckpt.get("model").asText());
    assertEquals(8, ckpt.get("input_size").asInt());
    assertEquals(4, ckpt.get("step").asInt());
    JsonNode result = JSON.readTree(tmp.resolve("sr/result.json").toFile());
    assertEquals("SUCCEEDED", result.get("status").asText());
    assertTrue(result.get("metrics").has("psnr"), result.toString());
    assertTrue(result.get("metrics").has("loss_content"), result.toString());
  }

  @Test
  void upscalingGeneratorSamplesWritesCountImagesFourTimesTheSizeAndASheet() throws Exception {
    Path dir = tmp.resolve("up-gan");
    assertEquals(
        0,
        upscale(
            "--sr",
            sr.toString(),
            "--generator",
            gan.toString(),
            "--count",
            "5",
            "--out",
            dir.toString()),
        errors());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(6, files.count()); // 5 images + the contact sheet
    }
    for (int i = 0; i < 5; i++) {
      BufferedImage img = ImageIO.read(dir.resolve("sample_000" + i + "_x4.png").toFile());
      assertEquals(128, img.getWidth());
      assertEquals(128, img.getHeight());
    }
    BufferedImage sheet = ImageIO.read(dir.resolve("contact_sheet.png").toFile());
    assertTrue(sheet.getWidth() >= 2 * 128 && sheet.getHeight() >= 128);
    assertTrue(
        out.toString(StandardCharsets.UTF_8).contains("note: the SR generator was trained on 8x8"));
  }

  @Test
  void upscalingAFolderKeepsEachImagesOwnSizeAndName() throws Exception {
    Path in = tmp.resolve("in");
    TestImages.write(
        TestImages.solid(8, 8, Color.RED, BufferedImage.TYPE_INT_ARGB), in.resolve("a.png"));
    TestImages.write(
        TestImages.solid(12, 6, Color.GREEN, BufferedImage.TYPE_INT_RGB), in.resolve("sub/b.png"));
    Files.writeString(in.resolve("broken.png"), "not a png");
    Path dir = tmp.resolve("up-folder");
    assertEquals(
        0, upscale("--sr", sr.toString(), "--images", in.toString(), "--out", dir.toString()));
    BufferedImage a = ImageIO.read(dir.resolve("a_x4.png").toFile());
    assertEquals(32, a.getWidth());
    BufferedImage b = ImageIO.read(dir.resolve("sub/b_x4.png").toFile());
    assertEquals(48, b.getWidth());
    assertEquals(24, b.getHeight());
    // A solid colour stays that colour (within the untrained detail's reach).
    int rgb = a.getRGB(16, 16);
    assertTrue(((rgb >> 16) & 0xff) > 200 && ((rgb >> 8) & 0xff) < 60, Integer.toHexString(rgb));
    assertTrue(Files.exists(dir.resolve("contact_sheet.png")));
    assertTrue(errors().contains("warning: skipped broken.png: cannot be decoded"), errors());
  }

  @Test
  void badArgumentsAreAllReportedWithExitCode2() {
    assertEquals(2, upscale("--count", "abc", "--bogus", "1"));
    String e = errors();
    assertTrue(e.contains("--bogus: is not an option of upscale"), e);
    assertTrue(e.contains("--sr: is required"), e);
    assertTrue(e.contains("--images, --generator: neither is given"), e);
    assertTrue(e.contains("--count: \"abc\" applies only with --generator"), e);
    assertTrue(e.contains("--out: is required"), e);
    assertTrue(e.contains("usage: upscale --sr"), e);
  }

  @Test
  void badValuesNameTheOptionTheValueAndTheRule() {
    assertEquals(
        2,
        upscale(
            "--sr",
            "/no/such/dir",
            "--generator",
            gan.toString(),
            "--count",
            "0",
            "--out",
            tmp.resolve("x").toString()));
    assertTrue(errors().contains("--sr: '/no/such/dir' does not exist"), errors());
    assertTrue(errors().contains("--count: 0 must be >= 1"), errors());
    assertFalse(Files.exists(tmp.resolve("x")));
  }

  @Test
  void aGanCheckpointIsNotAnSrOne() {
    assertEquals(
        2,
        upscale(
            "--sr",
            gan.toString(),
            "--images",
            tmp.resolve("smooth").toString(),
            "--out",
            tmp.resolve("y").toString()));
    assertTrue(
        errors().contains("is a checkpoint of model \"dcgan32\", not \"srgan4x\""), errors());
    assertEquals(
        2,
        upscale(
            "--sr",
            sr.toString(),
            "--generator",
            sr.toString(),
            "--count",
            "2",
            "--out",
            tmp.resolve("y").toString()));
    assertTrue(
        errors().contains("--generator: '" + sr + "' is a checkpoint of model \"srgan4x\""),
        errors());
    assertFalse(Files.exists(tmp.resolve("y")));
  }
}
