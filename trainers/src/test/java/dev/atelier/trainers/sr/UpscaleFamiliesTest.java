package dev.atelier.trainers.sr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code upscale --generator} from the conditional and the progressive family's checkpoints: a
 * cdcgan's samples take the classes in turn (or all one {@code --class}), a progan's are drawn at
 * its saved stage and the full image size.
 */
class UpscaleFamiliesTest {
  @TempDir static Path tmp;
  private static Path sr;
  private static Path cdcgan;
  private static Path progan;
  private static Path stylegan2;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void train() throws Exception {
    Path smooth = SmoothImages.folder(tmp.resolve("smooth"), 8, 32, 4);
    trainer(
        """
        {"trial_id": "t/sr", "model": "srgan4x", "dataset": {"path": "%s", "image_size": 32},
         "hyperparams": {"steps": 2, "batch_size": 4, "g_width": 4, "d_width": 4,
                         "residual_blocks": 1},
         "probe": {"count": 2}, "sample_every": 2, "threads": 1, "output_dir": "%s"}
        """
            .formatted(smooth, tmp.resolve("sr")));
    sr = tmp.resolve("sr/checkpoints/final");
    Path data = tmp.resolve("classes");
    TestImages.solidFolder(data.resolve("blue"), 4, 32, Color.BLUE);
    TestImages.solidFolder(data.resolve("red"), 4, 32, Color.RED);
    trainer(
        """
        {"trial_id": "t/c", "model": "cdcgan32", "dataset": {"path": "%s"},
         "hyperparams": {"steps": 1, "batch_size": 4, "latent_dim": 8, "g_width": 4,
                         "d_width": 4},
         "quality": {"enabled": false}, "threads": 1, "output_dir": "%s"}
        """
            .formatted(data, tmp.resolve("cdcgan")));
    cdcgan = tmp.resolve("cdcgan/checkpoints/final");
    trainer(
        """
        {"trial_id": "t/p", "model": "progan", "dataset": {"path": "%s", "image_size": 32},
         "hyperparams": {"steps": 1, "batch_size": 4, "latent_dim": 8, "g_width": 4,
                         "d_width": 4},
         "quality": {"enabled": false}, "threads": 1, "output_dir": "%s"}
        """
            .formatted(data, tmp.resolve("progan")));
    progan = tmp.resolve("progan/checkpoints/final");
    trainer(
        """
        {"trial_id": "t/s", "model": "stylegan2", "dataset": {"path": "%s"},
         "hyperparams": {"steps": 1, "batch_size": 4, "latent_dim": 8, "g_width": 4,
                         "d_width": 4},
         "quality": {"enabled": false}, "threads": 1, "output_dir": "%s"}
        """
            .formatted(data, tmp.resolve("stylegan2")));
    stylegan2 = tmp.resolve("stylegan2/checkpoints/final");
  }

  private static void trainer(String spec) throws Exception {
    Path file = Files.createTempFile(tmp, "spec", ".json");
    Files.writeString(file, spec);
    PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
    assertEquals(0, new TrialRunner(quiet, quiet, new StopSignal()).run(file));
  }

  private int upscale(String... args) {
    return new Upscale(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(args);
  }

  private String said() {
    return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static void assertFourTimes(Path png, int size) throws Exception {
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(4 * size, img.getWidth(), png.toString());
    assertEquals(4 * size, img.getHeight(), png.toString());
  }

  @Test
  void cdcganSamplesTakeTheClassesInTurnAndAre4xTheirSize() throws Exception {
    Path dir = tmp.resolve("up-c");
    assertEquals(
        0,
        upscale(
            "--sr",
            sr.toString(),
            "--generator",
            cdcgan.toString(),
            "--count",
            "3",
            "--out",
            dir.toString()),
        this::said);
    assertEquals(
        List.of(
            "contact_sheet.png",
            "sample_0000_blue_x4.png",
            "sample_0001_red_x4.png",
            "sample_0002_blue_x4.png"),
        names(dir));
    for (String name : names(dir).subList(1, 4)) {
      assertFourTimes(dir.resolve(name), 32);
    }
    assertTrue(said().contains("from the cdcgan32 generator"), this::said);
  }

  @Test
  void classDrawsEverySampleOfThatClass() throws Exception {
    Path dir = tmp.resolve("up-red");
    assertEquals(
        0,
        upscale(
            "--sr",
            sr.toString(),
            "--generator",
            cdcgan.toString(),
            "--count",
            "2",
            "--class",
            "red",
            "--out",
            dir.toString()),
        this::said);
    assertEquals(
        List.of("contact_sheet.png", "sample_0000_red_x4.png", "sample_0001_red_x4.png"),
        names(dir));
  }

  @Test
  void aClassTheCheckpointLacksIsNamedWithTheValidOnesAndExitsTwo() {
    Path dir = tmp.resolve("up-bad");
    assertEquals(
        2,
        upscale(
            "--sr",
            sr.toString(),
            "--generator",
            cdcgan.toString(),
            "--count",
            "2",
            "--class",
            "green",
            "--out",
            dir.toString()));
    assertTrue(
        said()
            .contains(
                "  --class: \"green\" is not a class of this checkpoint; its classes are"
                    + " [blue, red]\n"),
        this::said);
    assertFalse(Files.exists(dir));
    assertEquals(
        2,
        upscale(
            "--sr",
            sr.toString(),
            "--generator",
            progan.toString(),
            "--count",
            "2",
            "--class",
            "red",
            "--out",
            dir.toString()));
    assertTrue(said().contains("this one is progan, which has no classes"), this::said);
    assertEquals(
        2,
        upscale(
            "--sr",
            sr.toString(),
            "--images",
            tmp.toString(),
            "--class",
            "red",
            "--out",
            dir.toString()));
    assertTrue(said().contains("--class: \"red\" applies only with --generator"), this::said);
    assertFalse(Files.exists(dir));
  }

  @Test
  void styleGan2SamplesAre4xTheirSize() throws Exception {
    Path dir = tmp.resolve("up-s");
    assertEquals(
        0,
        upscale(
            "--sr",
            sr.toString(),
            "--generator",
            stylegan2.toString(),
            "--count",
            "2",
            "--out",
            dir.toString()),
        this::said);
    assertFourTimes(dir.resolve("sample_0000_x4.png"), 32);
    assertFourTimes(dir.resolve("sample_0001_x4.png"), 32);
    assertTrue(said().contains("stylegan2"), this::said);
  }

  @Test
  void proganSamplesAreDrawnAtTheSavedStageAndItsFullSize() throws Exception {
    Path dir = tmp.resolve("up-p");
    assertEquals(
        0,
        upscale(
            "--sr",
            sr.toString(),
            "--generator",
            progan.toString(),
            "--count",
            "2",
            "--out",
            dir.toString()),
        this::said);
    assertFourTimes(dir.resolve("sample_0000_x4.png"), 32);
    assertFourTimes(dir.resolve("sample_0001_x4.png"), 32);
    // One step of the default schedule: still at the 8x8 start, doubled to 32x32.
    assertTrue(
        said().contains("drew 2 samples (8x8, doubled to 32x32) from the progan generator"),
        this::said);
  }

  @Test
  void helpAndReadmeNameEveryOption() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String section = readme.substring(readme.indexOf("### `./atelier upscale`"));
    for (String option : UpscaleArgs.OPTIONS) {
      assertTrue(UpscaleHelp.TEXT.contains(option), "--help lacks " + option);
      assertTrue(UpscaleHelp.USAGE.contains(option), "the usage line lacks " + option);
      assertTrue(section.contains(option), "README's upscale section lacks " + option);
    }
  }
}
