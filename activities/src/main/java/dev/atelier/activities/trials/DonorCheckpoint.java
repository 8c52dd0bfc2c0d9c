package dev.atelier.activities.trials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * PBT's exploit step on the worker's side: the checkpoint a trial starts from, taken from its
 * donor's work folder (the same Dag run and task, the donor's map index) and copied into the new
 * trial's folder as {@value #FOLDER}/ before its job starts, so the trainer reads it where it reads
 * everything else ({@code init_from: {"path": "init"}}, relative to its output folder) — on this
 * machine or on the shared work volume a pod mounts. The donor may go on training and prune its old
 * checkpoints; the copy is the new trial's own.
 */
final class DonorCheckpoint {
  static final String FOLDER = "init";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param dir the donor checkpoint folder
   * @param step the steps it holds
   */
  record Picked(Path dir, int step) {}

  private DonorCheckpoint() {}

  /**
   * The donor's checkpoint at {@code step}, or its newest one below; {@code final/} counts with the
   * step its {@code checkpoint.json} names. None is a non-retryable failure: waiting will not make
   * one.
   */
  static Picked pick(Path donorDir, int donor, long step) {
    Path root = donorDir.resolve("checkpoints");
    Optional<Picked> best = Optional.empty();
    if (Files.isDirectory(root)) {
      try (Stream<Path> s = Files.list(root)) {
        best =
            s.filter(p -> !p.getFileName().toString().startsWith("."))
                .flatMap(p -> read(p).stream())
                .filter(p -> p.step() <= step)
                .max(Comparator.comparingInt(Picked::step));
      } catch (IOException e) {
        best = Optional.empty();
      }
    }
    return best.orElseThrow(
        () ->
            ApplicationFailure.newNonRetryableFailure(
                "init_from: donor trial "
                    + donor
                    + " has no checkpoint at step "
                    + step
                    + " or before in "
                    + root,
                "NoDonorCheckpoint"));
  }

  private static Optional<Picked> read(Path dir) {
    Path desc = dir.resolve("checkpoint.json");
    if (!Files.isRegularFile(desc)) {
      return Optional.empty();
    }
    try {
      JsonNode d = JSON.readTree(desc.toFile());
      return d.has("step") ? Optional.of(new Picked(dir, d.get("step").asInt())) : Optional.empty();
    } catch (IOException halfWritten) {
      return Optional.empty();
    }
  }

  /**
   * Copies the picked checkpoint to {@code trialDir/init}, unless a launch before this one already
   * copied one of the same step (a retried or relaunched launch keeps that copy). Written into a
   * hidden folder and renamed, so a crash never leaves half a checkpoint under the name.
   */
  static Path copyInto(Picked picked, Path trialDir) throws IOException {
    Path target = trialDir.resolve(FOLDER);
    if (read(target).map(Picked::step).filter(s -> s == picked.step()).isPresent()) {
      return target;
    }
    Path tmp = trialDir.resolve("." + FOLDER + ".tmp");
    deleteTree(tmp);
    deleteTree(target);
    Files.createDirectories(tmp);
    try (Stream<Path> files = Files.list(picked.dir())) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, tmp.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  /** The spec's {@code init_from} field for a copied checkpoint. */
  static Map<String, Object> specField() {
    return Map.of("path", FOLDER);
  }

  /** The donor's map index and step from {@code TrialRequest.initFrom()}, named when bad. */
  static int intField(Map<String, Object> initFrom, String key) {
    Object v = initFrom.get(key);
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    throw ApplicationFailure.newNonRetryableFailure(
        "initFrom." + key + ": " + v + " is not an integer", "BadInitFrom");
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
