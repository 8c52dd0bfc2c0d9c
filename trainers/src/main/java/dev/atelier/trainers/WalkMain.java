package dev.atelier.trainers;

import dev.atelier.trainers.quality.LatentWalk;
import dev.atelier.trainers.quality.ProbeLatents;
import dev.atelier.trainers.train.CheckpointGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The latent walk on demand: loads the exported generator (the weight average) of a saved
 * checkpoint and writes a closed slerp walk through the trial's probe latents as {@code
 * walk_step_NNNNNNN.gif} (looping) and {@code .png} (one row per leg). Exit 0 when written, 2 for
 * bad arguments or a folder that is not a loadable checkpoint (the message says which and why), 1
 * for anything unexpected.
 */
public final class WalkMain {
  static final String USAGE =
      """
      usage: java -cp <trainer classpath> dev.atelier.trainers.WalkMain CHECKPOINT_DIR [--out DIR]
             [--frames N] [--keyframes K] [--probe-seed S]        (or: ./atelier walk ...)

      Writes a latent walk of the generator saved in CHECKPOINT_DIR (a trial's
      checkpoints/final or checkpoints/step_NNNNNNN folder, or the same files from MLflow):
      a closed walk along great circles through the first K probe latents, N frames per leg.

        --out DIR        folder for walk_step_NNNNNNN.gif and .png (default: the current folder)
        --frames N       frames per leg, 1..60 (default 8)
        --keyframes K    probe latents joined, 2..64 (default 8)
        --probe-seed S   the probe latents' seed (default: the checkpoint's, else 1234)

      Exit codes: 0 written; 1 unexpected error; 2 bad arguments or not a loadable checkpoint.
      """;

  /** The platform's default probe seed, for checkpoints that do not record theirs. */
  static final long DEFAULT_PROBE_SEED = 1234;

  private WalkMain() {}

  public static void main(String[] args) {
    DjlEnvironment.prepare();
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] argv, PrintStream out, PrintStream err) {
    if (argv.length == 1 && (argv[0].equals("--help") || argv[0].equals("-h"))) {
      out.print(USAGE);
      return ExitStatus.SUCCEEDED.code();
    }
    WalkArgs.Parsed parsed = WalkArgs.parse(argv);
    if (parsed.args().isEmpty()) {
      parsed.violations().forEach(v -> err.println("walk: " + v));
      err.print(USAGE);
      return ExitStatus.BAD_SPEC.code();
    }
    WalkArgs a = parsed.args().get();
    CheckpointGenerator loaded;
    try {
      loaded = CheckpointGenerator.open(a.checkpoint());
    } catch (IllegalArgumentException e) {
      err.println("walk: CHECKPOINT_DIR: " + e.getMessage());
      return ExitStatus.BAD_SPEC.code();
    } catch (IOException | RuntimeException e) {
      e.printStackTrace(err);
      return ExitStatus.FAILED.code();
    }
    try (CheckpointGenerator g = loaded) {
      long seed = a.probeSeed().orElse(g.probeSeed().orElse(DEFAULT_PROBE_SEED));
      float[] z = ProbeLatents.draw(seed, a.keyframes(), g.latentDim());
      LatentWalk.Rendering walk = LatentWalk.render(g, z, a.keyframes(), a.frames());
      Files.createDirectories(a.out());
      String base = String.format(Locale.ROOT, "walk_step_%07d", g.step());
      Path gif = a.out().resolve(base + ".gif");
      Path png = a.out().resolve(base + ".png");
      Files.write(gif, walk.gif());
      Files.write(png, walk.png());
      out.printf(
          "wrote %s (%d frames, %d keyframes from probe seed %d) and %s%n",
          gif, walk.frames(), a.keyframes(), seed, png);
      return ExitStatus.SUCCEEDED.code();
    } catch (IOException | RuntimeException e) {
      e.printStackTrace(err);
      return ExitStatus.FAILED.code();
    }
  }
}
