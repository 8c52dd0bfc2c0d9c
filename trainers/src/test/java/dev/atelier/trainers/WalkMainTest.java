package dev.atelier.trainers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walk command against a checkpoint a real trial wrote. */
class WalkMainTest {
  @TempDir static Path trial;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** A tiny trial whose final walk joins 3 keyframes with 2 frames per leg. */
  @BeforeAll
  static void train() throws Exception {
    Path data = TestImages.solidFolder(trial.resolve("data"), 3, 32, Color.MAGENTA);
    TestImages.solidFolder(trial.resolve("data/b"), 3, 32, Color.CYAN);
    Path spec = trial.resolve("spec.json");
    Files.writeString(
        spec,
        """
        {"trial_id": "t/walk", "model": "dcgan32", "dataset": {"path": "%s"},
         "hyperparams": {"steps": 3, "batch_size": 8, "latent_dim": 8, "g_width": 4, "d_width": 4},
         "probe": {"seed": 77, "count": 16}, "sample_every": 3, "threads": 1,
         "quality": {"samples": 16, "walk_keyframes": 3, "walk_frames": 2},
         "output_dir": "%s"}
        """
            .formatted(data, trial.resolve("out")));
    PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
    assertEquals(0, new TrialRunner(quiet, quiet, new StopSignal()).run(spec));
  }

  private int walk(String... args) {
    return WalkMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void aWalkFromTheFinalCheckpointIsTheOneTheTrialRenderedAtItsEnd(@TempDir Path dir)
      throws Exception {
    Path ckpt = trial.resolve("out/checkpoints/final");
    assertEquals(
        0, walk(ckpt.toString(), "--out", dir.toString(), "--keyframes", "3", "--frames", "2"));
    Path gif = dir.resolve("walk_step_0000003.gif");
    assertEquals(6, GifFrames.count(gif));
    // Same weights (the exported average), same probe seed from checkpoint.json, same latents:
    // the very frames the trial drew at its last step.
    assertArrayEquals(
        Files.readAllBytes(trial.resolve("out/walks/final.gif")), Files.readAllBytes(gif));
    BufferedImage strip = ImageIO.read(dir.resolve("walk_step_0000003.png").toFile());
    assertEquals(2 * 32, strip.getWidth());
    assertEquals(3 * 32, strip.getHeight());
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("6 frames"), out::toString);
  }

  @Test
  void theDefaultsWalkEightKeyframesEightFramesEach(@TempDir Path dir) throws Exception {
    Path ckpt = trial.resolve("out/checkpoints/final");
    assertEquals(0, walk(ckpt.toString(), "--out", dir.resolve("new").toString()));
    assertEquals(64, GifFrames.count(dir.resolve("new/walk_step_0000003.gif")));
  }

  @Test
  void badArgumentsAreAllNamedWithTheRuleAndExitTwo() {
    assertEquals(2, walk("--frames", "0", "--keyframes", "x", "--speed", "--out"));
    assertEquals(
        """
        walk: --frames: 0 must be in 1..60
        walk: --keyframes: 'x' is not an integer
        walk: --speed: is not an option (--out, --frames, --keyframes, --probe-seed, --class, --truncation)
        walk: --out: needs a value
        walk: CHECKPOINT_DIR: is required
        """,
        err.toString(StandardCharsets.UTF_8).substring(0, err.toString().indexOf("usage:")));
  }

  @Test
  void twoCheckpointFoldersAreOneTooMany() {
    assertEquals(2, walk("a", "b"));
    assertTrue(
        err.toString().startsWith("walk: 'b': only one CHECKPOINT_DIR may be given"),
        err::toString);
  }

  @Test
  void aFolderThatIsNoCheckpointExitsTwoSayingWhy() throws Exception {
    assertEquals(2, walk(trial.resolve("data").toString()));
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .startsWith(
                "walk: CHECKPOINT_DIR: '"
                    + trial.resolve("data")
                    + "' holds no readable checkpoint.json"),
        err::toString);
    assertEquals(2, walk("/no/such/dir"));
    assertTrue(err.toString().contains("'/no/such/dir' is not a directory"), err::toString);
  }
}
