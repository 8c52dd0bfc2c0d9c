package dev.atelier.trainers.quality;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * How to load and feed a TorchScript feature extractor. Options left empty fall back to the model's
 * own {@code atelier.json} metadata (see {@link TorchScriptExtractor}), then to: the file's base
 * name, no resizing, {@link InputRange#ZERO_ONE}.
 *
 * @param path the TorchScript file (absolute)
 * @param name the feature space's name in metrics, e.g. "inception" gives {@code fd_inception}
 * @param inputSize the square side images are resized to (bilinear) before the forward pass
 * @param inputRange what the network expects instead of [-1, 1]
 * @param batchSize images per forward pass
 */
public record ExtractorOptions(
    Path path,
    Optional<String> name,
    OptionalInt inputSize,
    Optional<InputRange> inputRange,
    int batchSize) {
  public static final int DEFAULT_BATCH = 64;
  public static final int MAX_INPUT_SIZE = 1024;
  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

  /** Only the file; everything else from the model's metadata or the defaults. */
  public static ExtractorOptions of(Path path) {
    return new ExtractorOptions(
        path, Optional.empty(), OptionalInt.empty(), Optional.empty(), DEFAULT_BATCH);
  }

  public ExtractorOptions withName(String n) {
    return new ExtractorOptions(path, Optional.of(n), inputSize, inputRange, batchSize);
  }

  public ExtractorOptions withInputSize(int s) {
    return new ExtractorOptions(path, name, OptionalInt.of(s), inputRange, batchSize);
  }

  public ExtractorOptions withInputRange(InputRange r) {
    return new ExtractorOptions(path, name, inputSize, Optional.of(r), batchSize);
  }

  /**
   * Every broken rule, each naming the field under {@code prefix} (e.g. "quality.extractor"), the
   * value and the rule; empty when the options can be used.
   */
  public List<String> violations(String prefix) {
    List<String> v = new ArrayList<>();
    String p = prefix.isEmpty() ? "" : prefix + ".";
    if (path == null) {
      v.add(p + "path: is required");
    } else if (!path.isAbsolute()) {
      v.add(p + "path: '" + path + "' must be an absolute path");
    } else if (!Files.isRegularFile(path)) {
      v.add(p + "path: '" + path + "' is not a file");
    }
    name.filter(n -> !NAME.matcher(n).matches())
        .ifPresent(n -> v.add(p + "name: \"" + n + "\" must match " + NAME.pattern()));
    inputSize.ifPresent(
        s -> {
          if (s < 8 || s > MAX_INPUT_SIZE) {
            v.add(p + "input_size: " + s + " must be in 8.." + MAX_INPUT_SIZE);
          }
        });
    if (batchSize < 1 || batchSize > 1024) {
      v.add(p + "batch_size: " + batchSize + " must be in 1..1024");
    }
    return v;
  }

  /** A file's base name turned into a metric-name part: "Inception-V3.pt" -> "inception_v3". */
  static String nameFromFile(Path file) {
    String base = file.getFileName().toString();
    int dot = base.lastIndexOf('.');
    if (dot > 0) {
      base = base.substring(0, dot);
    }
    String s = base.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    s = s.replaceAll("^_+|_+$", "");
    if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
      s = "x" + s;
    }
    return s.length() > 40 ? s.substring(0, 40) : s;
  }
}
