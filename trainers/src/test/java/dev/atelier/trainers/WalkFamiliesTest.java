package dev.atelier.trainers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.trainers.train.StopSignal;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walk command on the conditional and the progressive family: from a finished trial's final
 * checkpoint it writes the very files of the trial's own final walk, a cdcgan walk shows each class
 * along the same latents, and {@code --class} picks classes by name.
 */
class WalkFamiliesTest {
  @TempDir static Path tmp;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /**
   * A cdcgan32 trial on two classes (magenta "a", cyan "b" + "c d": three classes, one with a space
   * in its name), and a progan trial that ends mid-fade: start 8, 2 steps at 8x8, then a fade to
   * 16x16 over 4 steps of 16 images, so its 5th and last step trains at 16x16 with alpha 0.5.
   */
  @BeforeAll
  static void train() throws Exception {
    Path data = tmp.resolve("data");
    TestImages.solidFolder(data.resolve("a"), 3, 32, Color.MAGENTA);
    TestImages.solidFolder(data.resolve("b"), 3, 32, Color.CYAN);
    TestImages.solidFolder(data.resolve("c d"), 3, 32, Color.YELLOW);
    trial(
        """
        {"trial_id": "t/cwalk", "model": "cdcgan32", "dataset": {"path": "%s"},
         "hyperparams": {"steps": 3, "batch_size": 8, "latent_dim": 8, "g_width": 4, "d_width": 4},
         "probe": {"seed": 77, "count": 16}, "sample_every": 3, "threads": 1,
         "quality": {"samples": 16, "walk_keyframes": 3, "walk_frames": 2},
         "output_dir": "%s"}
        """
            .formatted(data, tmp.resolve("cdcgan")));
    trial(
        """
        {"trial_id": "t/pwalk", "model": "progan", "dataset": {"path": "%s", "image_size": 32},
         "hyperparams": {"steps": 5, "batch_size": 16, "latent_dim": 8, "g_width": 4,
                         "d_width": 4},
         "progressive": {"start_size": 8, "fade_in_images": 64, "stabilise_images": 32},
         "probe": {"seed": 78, "count": 16}, "sample_every": 5, "threads": 1,
         "quality": {"samples": 16, "walk_keyframes": 3, "walk_frames": 2},
         "output_dir": "%s"}
        """
            .formatted(data, tmp.resolve("progan")));
  }

  private static void trial(String json) throws Exception {
    Path spec = Files.createTempFile(tmp, "spec", ".json");
    Files.writeString(spec, json);
    PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
    assertEquals(0, new TrialRunner(quiet, quiet, new StopSignal()).run(spec));
  }

  private int walk(String... args) {
    return WalkMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  /** A walk of 3 keyframes, 2 frames each (the trials' own), into {@code dir}. */
  private int walkSmall(Path ckpt, Path dir, String... more) {
    String[] base = {ckpt.toString(), "--keyframes", "3", "--frames", "2", "--out", dir.toString()};
    String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return walk(args);
  }

  private String said() {
    return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }

  private static BufferedImage read(Path png) throws Exception {
    return ImageIO.read(png.toFile());
  }

  private static BufferedImage firstFrame(Path gif) throws Exception {
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      reader.setInput(in);
      BufferedImage frame = reader.read(0);
      reader.dispose();
      return frame;
    }
  }

  /**
   * Runs {@code walk} on the trial's final checkpoint (3 keyframes, 2 frames each) and checks the
   * GIF and PNG equal the trial's own {@code walks/final.*} byte for byte; returns the GIF.
   */
  private Path walkEqualsTrialsOwn(String trialName, Path dir, int step) throws Exception {
    Path trial = tmp.resolve(trialName);
    assertEquals(
        0,
        walk(
            trial.resolve("checkpoints/final").toString(),
            "--out",
            dir.toString(),
            "--keyframes",
            "3",
            "--frames",
            "2"),
        this::said);
    String name = String.format("walk_step_%07d", step);
    Path gif = dir.resolve(name + ".gif");
    assertArrayEquals(
        Files.readAllBytes(trial.resolve("walks/final.gif")), Files.readAllBytes(gif));
    assertArrayEquals(
        Files.readAllBytes(trial.resolve("walks/final.png")),
        Files.readAllBytes(dir.resolve(name + ".png")));
    return gif;
  }

  @Test
  void aCdcganWalkFromTheFinalCheckpointIsTheTrialsOwnOneClassPerTile(@TempDir Path dir)
      throws Exception {
    Path gif = walkEqualsTrialsOwn("cdcgan", dir, 3);
    Path png = dir.resolve("walk_step_0000003.png");
    assertEquals(6, GifFrames.count(gif));
    // Three classes side by side, 32-pixel images drawn 4x, 4 pixels apart.
    BufferedImage frame = firstFrame(gif);
    assertEquals(3 * 128 + 2 * 4, frame.getWidth());
    assertEquals(128, frame.getHeight());
    // One band per class (3 legs of 2 frames each), 4 pixels apart.
    BufferedImage strip = read(png);
    assertEquals(2 * 32, strip.getWidth());
    assertEquals(3 * (3 * 32) + 2 * 4, strip.getHeight());
    assertTrue(said().contains("classes a, b, c d"), this::said);
  }

  @Test
  void classPicksTheWalksByNameAndEachIsThatClassesBandOfTheFullWalk(@TempDir Path dir)
      throws Exception {
    Path ckpt = tmp.resolve("cdcgan/checkpoints/final");
    assertEquals(0, walkSmall(ckpt, dir), this::said);
    assertEquals(0, walkSmall(ckpt, dir, "--class", "c d"), this::said);
    assertEquals(0, walkSmall(ckpt, dir, "--class", "b", "--class", "a"), this::said);
    BufferedImage all = read(dir.resolve("walk_step_0000003.png"));
    // The class's file name keeps it apart from the others'; the space becomes '_'.
    BufferedImage cd = read(dir.resolve("walk_step_0000003_c_d.png"));
    assertEquals(2 * 32, cd.getWidth());
    assertEquals(3 * 32, cd.getHeight());
    assertEquals(128, firstFrame(dir.resolve("walk_step_0000003_c_d.gif")).getWidth());
    int band = 3 * 32 + 4;
    assertSameArea(all, 0, 2 * band, cd, 0, 0, 64, 96);
    // Two classes in the order given: b's band first, then a's.
    BufferedImage ba = read(dir.resolve("walk_step_0000003_b+a.png"));
    assertEquals(2 * (3 * 32) + 4, ba.getHeight());
    assertSameArea(all, 0, band, ba, 0, 0, 64, 96);
    assertSameArea(all, 0, 0, ba, 0, band, 64, 96);
  }

  private static void assertSameArea(
      BufferedImage a, int ax, int ay, BufferedImage b, int bx, int by, int w, int h) {
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = a.getRGB(ax + x, ay + y);
        int q = b.getRGB(bx + x, by + y);
        if (p != q) {
          throw new AssertionError(
              "pixel ("
                  + x
                  + ", "
                  + y
                  + "): "
                  + Integer.toHexString(p)
                  + " != "
                  + Integer.toHexString(q));
        }
      }
    }
  }

  @Test
  void aClassTheCheckpointLacksIsNamedWithTheValidOnesAndExitsTwo(@TempDir Path dir) {
    Path ckpt = tmp.resolve("cdcgan/checkpoints/final");
    assertEquals(
        2, walk(ckpt.toString(), "--class", "purple", "--class", "a", "--out", dir.toString()));
    assertEquals(
        "walk: --class: \"purple\" is not a class of this checkpoint; its classes are [a, b, c d]\n",
        err.toString(StandardCharsets.UTF_8));
    assertFalse(Files.exists(dir.resolve("walk_step_0000003_purple+a.gif")));
  }

  @Test
  void aProganWalkIsDrawnAtTheSavedStageAndEqualsTheTrialsOwn(@TempDir Path dir) throws Exception {
    Path gif = walkEqualsTrialsOwn("progan", dir, 5);
    Path png = dir.resolve("walk_step_0000005.png");
    assertTrue(said().contains("16x16 fading in at alpha 0.5, doubled to 32x32"), this::said);
    // Drawn at 16x16 and doubled: every 2x2 block is one colour, the strip is 32-pixel tiles.
    BufferedImage strip = read(png);
    assertEquals(2 * 32, strip.getWidth());
    assertEquals(3 * 32, strip.getHeight());
    for (int y = 0; y < strip.getHeight(); y++) {
      for (int x = 0; x < strip.getWidth(); x++) {
        assertEquals(strip.getRGB(x - x % 2, y - y % 2), strip.getRGB(x, y), x + "," + y);
      }
    }
  }

  @Test
  void classOnAnUnconditionalCheckpointSaysItHasNone(@TempDir Path dir) {
    Path ckpt = tmp.resolve("progan/checkpoints/final");
    assertEquals(2, walk(ckpt.toString(), "--class", "a", "--out", dir.toString()));
    assertEquals(
        "walk: --class: \"a\" applies only to a conditional checkpoint (cdcgan32, cdcgan64,"
            + " cdcgan128); this one is progan, which has no classes\n",
        err.toString(StandardCharsets.UTF_8));
  }

  /** A copy of a trial's final checkpoint whose checkpoint.json lost or broke a field. */
  private static Path edited(String trial, Path dir, String from, String to) throws Exception {
    Path src = tmp.resolve(trial + "/checkpoints/final");
    try (var files = Files.list(src)) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    Path json = dir.resolve("checkpoint.json");
    String text = Files.readString(json);
    assertTrue(text.contains(from), text);
    Files.writeString(json, text.replace(from, to));
    return dir;
  }

  @Test
  void aDescriptorMissingTheFamilysFieldsIsNamedAndExitsTwo(@TempDir Path a, @TempDir Path b)
      throws Exception {
    Path noClasses = edited("cdcgan", a, "\"class_names\"", "\"class_names_gone\"");
    assertEquals(2, walk(noClasses.toString(), "--out", a.resolve("w").toString()));
    assertTrue(
        said()
            .startsWith(
                "walk: CHECKPOINT_DIR: "
                    + noClasses.resolve("checkpoint.json")
                    + ": class_names is missing"),
        this::said);
    Path badAlpha = edited("progan", b, "\"alpha\" : 0.5", "\"alpha\" : 2");
    assertEquals(2, walk(badAlpha.toString(), "--out", b.resolve("w").toString()));
    assertTrue(said().contains(": progressive.alpha: 2 is not a number in [0, 1]"), this::said);
    assertFalse(Files.exists(a.resolve("w")) || Files.exists(b.resolve("w")));
  }

  @Test
  void helpAndReadmeNameEveryOption() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String section = readme.substring(readme.indexOf("### A latent walk from a checkpoint"));
    for (String option : WalkArgs.OPTIONS) {
      assertTrue(WalkMain.USAGE.contains("\n  " + option + " "), "--help lacks " + option);
      assertTrue(section.contains(option), "README's walk section lacks " + option);
    }
  }
}
