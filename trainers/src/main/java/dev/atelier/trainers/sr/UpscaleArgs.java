package dev.atelier.trainers.sr;

import dev.atelier.trainers.data.ImageFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code upscale} command's arguments, validated: every problem is collected and reported at
 * once, each naming the option, the value and the rule. Checkpoint folders are checked here only
 * for what makes them checkpoints ({@code checkpoint.json} present); their content is checked when
 * loaded ({@link CheckpointFiles}).
 *
 * @param images a folder of images to enlarge, or empty when {@code generator} is given
 * @param generator a GAN trial's checkpoint folder whose generator draws the images
 * @param count how many images the generator draws
 * @param seed the latents' seed (1234, the default probe seed, so the first images match the
 *     trial's sample grids)
 * @param className a conditional generator's class to draw every sample of (checked against the
 *     checkpoint once loaded); empty: sample i is class i mod classes
 * @param background RGB that transparent pixels of {@code images} are composited on
 */
public record UpscaleArgs(
    Path sr,
    Optional<Path> images,
    Optional<Path> generator,
    int count,
    long seed,
    Optional<String> className,
    Path out,
    int background) {
  static final List<String> OPTIONS =
      List.of(
          "--sr",
          "--images",
          "--generator",
          "--count",
          "--seed",
          "--class",
          "--out",
          "--background");
  static final int MAX_COUNT = 4096;
  private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

  /** The arguments, or every violation found. */
  public record Parsed(Optional<UpscaleArgs> args, List<String> violations) {}

  public static Parsed parse(String[] argv) {
    List<String> v = new ArrayList<>();
    Map<String, String> given = new LinkedHashMap<>();
    for (int i = 0; i < argv.length; i++) {
      String name = argv[i];
      String value = null;
      int eq = name.indexOf('=');
      if (name.startsWith("--") && eq > 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (!OPTIONS.contains(name)) {
        v.add(name + ": is not an option of upscale " + OPTIONS);
        continue;
      }
      if (value == null) {
        if (i + 1 >= argv.length || argv[i + 1].startsWith("--")) {
          v.add(name + ": needs a value");
          continue;
        }
        value = argv[++i];
      }
      if (given.put(name, value) != null) {
        v.add(name + ": is given twice");
      }
    }
    Optional<Path> sr = checkpoint(given, "--sr", true, v);
    Optional<Path> images = Optional.ofNullable(given.get("--images")).flatMap(s -> imageDir(s, v));
    Optional<Path> generator = checkpoint(given, "--generator", false, v);
    boolean bothOrNeither = given.containsKey("--images") == given.containsKey("--generator");
    if (bothOrNeither) {
      v.add(
          "--images, --generator: "
              + (given.containsKey("--images") ? "both are given" : "neither is given")
              + "; give exactly one (a folder of images, or a GAN checkpoint with --count)");
    }
    int count = 0;
    long seed = 1234;
    if (given.containsKey("--generator")) {
      count = integer(given, "--count", 1, MAX_COUNT, v).orElse(0L).intValue();
      if (!given.containsKey("--count")) {
        v.add("--count: is required with --generator (how many samples to draw and enlarge)");
      }
      seed = integer(given, "--seed", Long.MIN_VALUE, Long.MAX_VALUE, v).orElse(seed);
    } else {
      for (String only : List.of("--count", "--seed", "--class")) {
        if (given.containsKey(only)) {
          v.add(only + ": \"" + given.get(only) + "\" applies only with --generator");
        }
      }
    }
    Optional<Path> out = Optional.empty();
    if (!given.containsKey("--out")) {
      v.add("--out: is required (the folder the enlarged PNGs and contact_sheet.png go to)");
    } else {
      Path p = Path.of(given.get("--out")).toAbsolutePath();
      if (Files.exists(p) && !Files.isDirectory(p)) {
        v.add("--out: '" + given.get("--out") + "' exists and is not a directory");
      } else {
        out = Optional.of(p);
      }
    }
    int background = 0xffffff;
    String colour = given.get("--background");
    if (colour != null) {
      if (COLOUR.matcher(colour).matches()) {
        background = Integer.parseInt(colour.substring(1), 16);
      } else {
        v.add("--background: \"" + colour + "\" is not a colour like \"#ffffff\"");
      }
    }
    if (!v.isEmpty()) {
      return new Parsed(Optional.empty(), v);
    }
    return new Parsed(
        Optional.of(
            new UpscaleArgs(
                sr.get(),
                images,
                generator,
                count,
                seed,
                Optional.ofNullable(given.get("--class")),
                out.get(),
                background)),
        v);
  }

  private static Optional<Path> checkpoint(
      Map<String, String> given, String name, boolean required, List<String> v) {
    String s = given.get(name);
    if (s == null) {
      if (required) {
        v.add(
            name
                + ": is required (an srgan4x trial's checkpoint folder, e.g. OUTPUT_DIR/checkpoints/final)");
      }
      return Optional.empty();
    }
    Path p = Path.of(s).toAbsolutePath();
    if (!Files.exists(p)) {
      v.add(name + ": '" + s + "' does not exist");
    } else if (!Files.isDirectory(p)) {
      v.add(name + ": '" + s + "' is not a directory");
    } else if (!Files.isRegularFile(p.resolve("checkpoint.json"))) {
      v.add(
          name
              + ": '"
              + s
              + "' holds no checkpoint.json (give a trial's checkpoints/final or"
              + " checkpoints/step_NNNNNNN folder)");
    } else {
      return Optional.of(p);
    }
    return Optional.empty();
  }

  private static Optional<Path> imageDir(String s, List<String> v) {
    Path p = Path.of(s).toAbsolutePath();
    if (!Files.exists(p)) {
      v.add("--images: '" + s + "' does not exist");
    } else if (!Files.isDirectory(p)) {
      v.add("--images: '" + s + "' is not a directory");
    } else if (ImageFiles.under(p).isEmpty()) {
      v.add("--images: '" + s + "' holds no images (*.png, *.jpg, *.jpeg)");
    } else {
      return Optional.of(p);
    }
    return Optional.empty();
  }

  private static Optional<Long> integer(
      Map<String, String> given, String name, long min, long max, List<String> v) {
    String s = given.get(name);
    if (s == null) {
      return Optional.empty();
    }
    long n;
    try {
      n = Long.parseLong(s);
    } catch (NumberFormatException e) {
      v.add(name + ": \"" + s + "\" is not an integer");
      return Optional.empty();
    }
    if (n < min) {
      v.add(name + ": " + n + " must be >= " + min);
    } else if (n > max) {
      v.add(name + ": " + n + " must be <= " + max);
    } else {
      return Optional.of(n);
    }
    return Optional.empty();
  }
}
