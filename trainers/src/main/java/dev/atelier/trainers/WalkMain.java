package dev.atelier.trainers;

import dev.atelier.trainers.quality.LatentWalk;
import dev.atelier.trainers.train.CheckpointGenerator;
import dev.atelier.trainers.train.ClassChoice;
import dev.atelier.trainers.train.ProbeLatents;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The latent walk on demand: loads the exported generator (the weight average) of a saved
 * checkpoint and writes a closed slerp walk through the trial's probe latents as {@code
 * walk_step_NNNNNNN.gif} (looping) and {@code .png} (one row per leg), for every GAN family (a
 * conditional one once per class, progan at its saved growth stage), exactly as the trial rendered
 * its own final walk. Exit 0 when written, 2 for bad arguments (a class the checkpoint lacks
 * included) or a folder that is not a loadable checkpoint (the message says which and why), 1 for
 * anything unexpected.
 */
public final class WalkMain {
  static final String USAGE =
      """
      usage: java -cp <trainer classpath> dev.atelier.trainers.WalkMain CHECKPOINT_DIR [--out DIR]
             [--frames N] [--keyframes K] [--probe-seed S] [--class NAME]... [--truncation PSI]
             (or: ./atelier walk ...)

      Writes a latent walk of the generator saved in CHECKPOINT_DIR (a trial's
      checkpoints/final or checkpoints/step_NNNNNNN folder, or the same files from MLflow):
      a closed walk along great circles through the first K probe latents, N frames per leg.
      Any GAN family: dcgan32/64/128, progan, r3gan, stylegan2; cdcgan32/64/128 walk the same latents once per class,
      side by side (GIF) and one band per class (PNG); progan draws at the growth stage the
      checkpoint was saved at, doubled to its image_size as the trial's grids were. From a
      trial's final checkpoint with its walk_keyframes/walk_frames, the files equal the
      trial's own walks/final.gif and .png.

        --out DIR        folder for walk_step_NNNNNNN.gif and .png (default: the current folder)
        --frames N       frames per leg, 1..60 (default 8)
        --keyframes K    probe latents joined, 2..64 (default 8)
        --probe-seed S   the probe latents' seed (default: the checkpoint's, else 1234)
        --class NAME     cdcgan only: walk this class (a name from the checkpoint's
                         class_names, i.e. a data set sub-folder); repeat for up to 8, shown
                         in the order given; files are then named
                         walk_step_NNNNNNN_NAME[+NAME...].gif|png
                         (default: the first 8 classes, as the trial's own walk)
        --truncation PSI stylegan2 only: draw at truncation PSI in 0..1, w = w_avg +
                         PSI (w - w_avg) (default 1: none; 0: every frame the mean w's image)

      Exit codes: 0 written; 1 unexpected error; 2 bad arguments (a --class that is not one
      of the checkpoint's classes included) or not a loadable checkpoint.
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
      int[] classes;
      try {
        classes =
            a.classes().isEmpty()
                ? LatentWalk.defaultClasses(g)
                : ClassChoice.resolve("--class", a.classes(), g, g.model());
      } catch (IllegalArgumentException e) {
        err.println("walk: " + e.getMessage());
        return ExitStatus.BAD_SPEC.code();
      }
      try {
        if (a.truncation().isPresent()) {
          g.truncation(a.truncation().getAsDouble());
        }
      } catch (IllegalArgumentException e) {
        err.println("walk: " + e.getMessage());
        return ExitStatus.BAD_SPEC.code();
      }
      long seed = a.probeSeed().orElse(g.probeSeed().orElse(DEFAULT_PROBE_SEED));
      float[] z = ProbeLatents.draw(seed, a.keyframes(), g.latentDim());
      LatentWalk.Rendering walk = LatentWalk.render(g, z, a.keyframes(), a.frames(), classes);
      Files.createDirectories(a.out());
      String base = String.format(Locale.ROOT, "walk_step_%07d", g.step()) + suffix(a.classes());
      Path gif = a.out().resolve(base + ".gif");
      Path png = a.out().resolve(base + ".png");
      Files.write(gif, walk.gif());
      Files.write(png, walk.png());
      out.printf(
          "wrote %s (%d frames, %d keyframes from probe seed %d%s%s) and %s%n",
          gif,
          walk.frames(),
          a.keyframes(),
          seed,
          (classes.length == 0 ? "" : "; classes " + names(g.classNames(), classes))
              + (a.truncation().isPresent() ? "; truncation " + a.truncation().getAsDouble() : ""),
          g.stage().map(st -> "; " + st).orElse(""),
          png);
      return ExitStatus.SUCCEEDED.code();
    } catch (IOException | RuntimeException e) {
      e.printStackTrace(err);
      return ExitStatus.FAILED.code();
    }
  }

  /** {@code _red+blue} for chosen classes, so walks of different classes do not overwrite. */
  private static String suffix(List<String> classes) {
    return classes.isEmpty()
        ? ""
        : "_" + String.join("+", classes.stream().map(ClassChoice::fileSafe).toList());
  }

  private static String names(List<String> all, int[] labels) {
    List<String> out = new ArrayList<>();
    for (int label : labels) {
      out.add(all.get(label));
    }
    return String.join(", ", out);
  }
}
