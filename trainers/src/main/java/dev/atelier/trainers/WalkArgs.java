package dev.atelier.trainers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The walk command's arguments: {@code CHECKPOINT_DIR [--out DIR] [--frames N] [--keyframes K]
 * [--probe-seed S]}. {@link #parse} reports every mistake at once, each naming the argument, the
 * value and the rule.
 *
 * @param frames frames per leg of the walk
 * @param keyframes probe latents the closed walk passes through
 * @param probeSeed the probe latents' seed; empty: the checkpoint's, else the platform default
 */
record WalkArgs(Path checkpoint, Path out, int frames, int keyframes, OptionalLong probeSeed) {
  static final int MAX_FRAMES = 60;
  static final int MAX_KEYFRAMES = 64;

  /** The parsed arguments, or every violation. */
  record Parsed(Optional<WalkArgs> args, List<String> violations) {}

  static Parsed parse(String[] argv) {
    List<String> bad = new ArrayList<>();
    Path checkpoint = null;
    Path out = Path.of("");
    int frames = 8;
    int keyframes = 8;
    OptionalLong seed = OptionalLong.empty();
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
      if (!List.of("--out", "--frames", "--keyframes", "--probe-seed").contains(a)) {
        bad.add(a + ": is not an option (--out, --frames, --keyframes, --probe-seed)");
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
        default -> {
          try {
            seed = OptionalLong.of(Long.parseLong(v));
          } catch (NumberFormatException e) {
            bad.add(a + ": '" + v + "' is not an integer");
          }
        }
      }
    }
    if (checkpoint == null) {
      bad.add("CHECKPOINT_DIR: is required");
    }
    if (!bad.isEmpty()) {
      return new Parsed(Optional.empty(), bad);
    }
    return new Parsed(Optional.of(new WalkArgs(checkpoint, out, frames, keyframes, seed)), bad);
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
