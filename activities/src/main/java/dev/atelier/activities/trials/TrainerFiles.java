package dev.atelier.activities.trials;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The files the trainer writes into its output dir, read leniently (they may be mid-write). */
public final class TrainerFiles {
  public static final String SPEC = "spec.json";
  public static final String RESULT = "result.json";
  public static final String PROGRESS = "progress.json";

  /** The files of the dataset the trial leaves out, one relative path a line (the worker's). */
  public static final String EXCLUDE = "exclude.txt";

  private static final ObjectMapper JSON = new ObjectMapper();

  private TrainerFiles() {}

  /** {@code result.json}: how the trainer itself says it ended. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Result(
      String status,
      @JsonProperty("exit_code") Integer exitCode,
      String reason,
      @JsonProperty("last_step") Long lastStep,
      Map<String, Double> metrics) {}

  /** {@code progress.json}: where a running trainer is. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Progress(
      long step, long steps, @JsonProperty("images_per_sec") double imagesPerSec) {}

  public static Optional<Result> result(Path dir) {
    return read(dir.resolve(RESULT), Result.class);
  }

  public static Optional<Progress> progress(Path dir) {
    return read(dir.resolve(PROGRESS), Progress.class);
  }

  /**
   * Writes {@value #EXCLUDE} for a trial's first launch, or removes one an earlier run in the same
   * folder left, when nothing is left out.
   */
  public static void writeExclude(Path dir, List<String> paths) throws IOException {
    Path file = dir.resolve(EXCLUDE);
    if (paths.isEmpty()) {
      Files.deleteIfExists(file);
    } else {
      Files.write(file, paths, StandardCharsets.UTF_8);
    }
  }

  /** The trial's {@value #EXCLUDE}, when its first launch wrote one. */
  public static Optional<Path> exclude(Path dir) {
    Path file = dir.resolve(EXCLUDE);
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /** Clears what a previous attempt in the same folder left, so it is never read as ours. */
  public static void clearPreviousAttempt(Path dir) throws IOException {
    Files.deleteIfExists(dir.resolve(RESULT));
    Files.deleteIfExists(dir.resolve(PROGRESS));
  }

  private static <T> Optional<T> read(Path file, Class<T> type) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), type));
    } catch (IOException | RuntimeException halfWritten) {
      return Optional.empty();
    }
  }
}
