package dev.atelier.trainers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The walk command's arguments: {@code CHECKPOINT_DIR [--out DIR] [--frames N] [--keyframes K]
 * [--probe-seed S] [--class NAME]...}. {@link #parse} reports every mistake at once, each naming
 * the argument, the value and the rule.
 *
 * @param frames frames per leg of the walk
 * @param keyframes probe latents the closed walk passes through
 * @param probeSeed the probe latents' seed; empty: the checkpoint's, else the platform default
 * @param classes a conditional checkpoint's classes to walk, in this order (checked against the
 *     checkpoint once it is loaded); empty: the trial's own choice, its first 8 classes
 * @param truncation stylegan2's truncation psi in [0, 1]; empty: none
 */
record WalkArgs(
    Path checkpoint,
    Path out,
    int frames,
    int keyframes,
    OptionalLong probeSeed,
    List<String> classes,
    OptionalDouble truncation) {
  static final int MAX_FRAMES = 60;
  static final int MAX_KEYFRAMES = 64;
  static final int MAX_CLASSES = 8;
  static final List<String> OPTIONS =
      List.of("--out", "--frames", "--keyframes", "--probe-seed", "--class", "--truncation");

  /** The parsed arguments, or every violation. */
  record Parsed(Optional<WalkArgs> args, List<String> violations) {}

  static Parsed parse(String[] argv) {
    List<String> bad = new ArrayList<>();
    Path checkpoint = null;
    Path out = Path.of("");
    int frames = 8;
    int keyframes = 8;
    OptionalLong seed = OptionalLong.empty();
    List<String> classes = new ArrayList<>();
    OptionalDouble truncation = OptionalDouble.empty();
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      if (!a.startsWith("--")) {
        if (checkpoint != null) {
          bad.add("'" + a + "': only one CHECKPOINT_DIR may be given");
        } else {
          checkpoint = Path.of(a);
        }
        continue;
      }
      if (!OPTIONS.contains(a)) {
        bad.add(a + ": is not an option (" + String.join(", ", OPTIONS) + ")");
        continue;
      }
      if (i + 1 >= argv.length) {
        bad.add(a + ": needs a value");
        continue;
      }
      String v = argv[++i];
      switch (a) {
        case "--out" -> out = Path.of(v);
        case "--frames" -> frames = integer(a, v, 1, MAX_FRAMES, frames, bad);
        case "--keyframes" -> keyframes = integer(a, v, 2, MAX_KEYFRAMES, keyframes, bad);
        case "--class" -> {
          if (classes.contains(v)) {
            bad.add(a + ": \"" + v + "\" is given twice");
          } else {
            classes.add(v);
          }
        }
        case "--truncation" -> {
          try {
            double psi = Double.parseDouble(v);
            if (!(psi >= 0 && psi <= 1)) {
              bad.add(a + ": " + v + " must be in 0..1 (0: every image is the mean w's)");
            } else {
              truncation = OptionalDouble.of(psi);
            }
          } catch (NumberFormatException e) {
            bad.add(a + ": '" + v + "' is not a number");
          }
        }
        default -> {
          try {
            seed = OptionalLong.of(Long.parseLong(v));
          } catch (NumberFormatException e) {
            bad.add(a + ": '" + v + "' is not an integer");
          }
        }
      }
    }
    if (classes.size() > MAX_CLASSES) {
      bad.add(
          "--class: "
              + classes.size()
              + " classes given; a walk shows at most "
              + MAX_CLASSES
              + " side by side");
    }
    if (checkpoint == null) {
      bad.add("CHECKPOINT_DIR: is required");
    }
    if (!bad.isEmpty()) {
      return new Parsed(Optional.empty(), bad);
    }
    return new Parsed(
        Optional.of(
            new WalkArgs(
                checkpoint, out, frames, keyframes, seed, List.copyOf(classes), truncation)),
        bad);
  }

  private static int integer(
      String name, String v, int min, int max, int fallback, List<String> bad) {
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        bad.add(name + ": " + n + " must be in " + min + ".." + max);
      }
      return n;
    } catch (NumberFormatException e) {
      bad.add(name + ": '" + v + "' is not an integer");
      return fallback;
    }
  }
}
