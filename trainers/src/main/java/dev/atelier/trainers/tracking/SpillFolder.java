package dev.atelier.trainers.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.mlflow.api.proto.Service.RunStatus;

/**
 * Uploads that could not wait in memory, on disk in the trial's output folder: {@code
 * <output_dir>/tracking-spill/<run_id>/}, with {@code metrics/<stamp>.jsonl} (one point a line),
 * {@code artifacts/<stamp>/<artifact path>} (the file itself) and {@code end.json} (the run's end,
 * until the server has it). Every file is written under a hidden temporary name and renamed into
 * place, so a trainer killed mid-write leaves either the whole file or none; stamps sort in the
 * order things were spilled. A file is deleted once the server has taken what it holds.
 */
final class SpillFolder {
  static final String DIR = "tracking-spill";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong SEQUENCE = new AtomicLong();

  /** An artifact waiting on disk: its path in the run and the file holding it. */
  record Spilled(String path, Path file) {}

  private final Path dir;

  SpillFolder(Path outputDir, String runId) {
    this.dir = outputDir.resolve(DIR).resolve(runId);
  }

  Path dir() {
    return dir;
  }

  /** Spill folders in the same output folder that belong to other runs. */
  List<Path> otherRuns() {
    Path all = dir.getParent();
    if (!Files.isDirectory(all)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(all)) {
      return s.filter(Files::isDirectory).filter(p -> !p.equals(dir)).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static String stamp() {
    return String.format(
        Locale.ROOT,
        "%013d-%06d",
        System.currentTimeMillis(),
        SEQUENCE.incrementAndGet() % 1_000_000);
  }

  private static void writeAtomically(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not spill to " + file, e);
    }
  }

  private static boolean visible(Path p) {
    return !p.getFileName().toString().startsWith(".");
  }

  private List<Path> sorted(Path sub) {
    Path d = dir.resolve(sub);
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.filter(SpillFolder::visible).sorted().toList();
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // --- metrics

  Path writeMetrics(List<MetricPoint> points) {
    StringBuilder b = new StringBuilder();
    for (MetricPoint p : points) {
      b.append(p.toJson()).append('\n');
    }
    Path file = dir.resolve("metrics").resolve(stamp() + ".jsonl");
    writeAtomically(file, b.toString().getBytes(StandardCharsets.UTF_8));
    return file;
  }

  List<Path> metricFiles() {
    return sorted(Path.of("metrics"));
  }

  static List<MetricPoint> readMetrics(Path file) {
    List<MetricPoint> points = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          points.add(MetricPoint.fromJson(JSON.readTree(line)));
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return points;
  }

  /** Each spilled metric's highest step. */
  Map<String, Long> metricSteps() {
    Map<String, Long> steps = new HashMap<>();
    for (Path f : metricFiles()) {
      readMetrics(f).forEach(p -> steps.merge(p.key(), p.step(), Math::max));
    }
    return steps;
  }

  int metricPoints() {
    return metricFiles().stream().mapToInt(f -> readMetrics(f).size()).sum();
  }

  // --- artifacts

  Path writeArtifact(String path, byte[] bytes) {
    Path file = dir.resolve("artifacts").resolve(stamp()).resolve(path);
    writeAtomically(file, bytes);
    return file;
  }

  List<Spilled> artifacts() {
    List<Spilled> all = new ArrayList<>();
    for (Path stampDir : sorted(Path.of("artifacts"))) {
      try (Stream<Path> files = Files.walk(stampDir)) {
        files
            .filter(Files::isRegularFile)
            .filter(SpillFolder::visible)
            .sorted()
            .forEach(
                f -> all.add(new Spilled(stampDir.relativize(f).toString().replace('\\', '/'), f)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return all;
  }

  /** Deletes a spilled file and the empty folders above it, up to the spill folder. */
  void delete(Path file) {
    try {
      Files.deleteIfExists(file);
      for (Path p = file.getParent(); p != null && p.startsWith(dir) && !p.equals(dir); ) {
        Path parent = p.getParent();
        if (p.equals(dir.resolve("metrics")) || p.equals(dir.resolve("artifacts"))) {
          break;
        }
        try (Stream<Path> s = Files.list(p)) {
          if (s.findAny().isPresent()) {
            break;
          }
        }
        Files.deleteIfExists(p);
        p = parent;
      }
    } catch (IOException e) {
      // left behind: drained again (idempotently) on the next start
    }
  }

  // --- the run's end

  void writeEnd(RunEnd end) {
    ObjectNode n = JSON.createObjectNode();
    n.put("status", end.status());
    n.put("reason", end.reason());
    n.put("run_status", end.runStatus().name());
    n.put("end_time", end.endTime());
    writeAtomically(dir.resolve("end.json"), n.toString().getBytes(StandardCharsets.UTF_8));
  }

  Optional<RunEnd> readEnd() {
    Path f = dir.resolve("end.json");
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(f.toFile());
      return Optional.of(
          new RunEnd(
              n.path("status").asText(),
              n.path("reason").asText(),
              RunStatus.valueOf(n.path("run_status").asText()),
              n.path("end_time").asLong()));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  void deleteEnd() {
    try {
      Files.deleteIfExists(dir.resolve("end.json"));
    } catch (IOException e) {
      // harmless: a later start replaces it
    }
  }

  /** Removes the run's spill folder (and {@value #DIR} itself) when nothing is left in them. */
  void removeIfEmpty() {
    try {
      if (!Files.isDirectory(dir)) {
        return;
      }
      try (Stream<Path> s = Files.walk(dir)) {
        if (s.anyMatch(Files::isRegularFile)) {
          return;
        }
      }
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
      try (Stream<Path> s = Files.list(dir.getParent())) {
        if (s.findAny().isEmpty()) {
          Files.deleteIfExists(dir.getParent());
        }
      }
    } catch (IOException e) {
      // an empty folder left behind is harmless
    }
  }
}
