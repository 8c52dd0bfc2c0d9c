package dev.atelier.trainers.tracking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atelier.trainers.train.SampleOutput;
import dev.atelier.trainers.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps what the sample steps produce in the trial's output folder as well as in MLflow: the probe
 * grid ({@code samples/step_NNNNNNN.png}), the hooks' artifacts under the same relative paths
 * (novelty/step_NNNNNNN.png, walks/final.gif, ...) and their metrics, one JSON line per sample
 * step, in {@value #METRICS}. A trial run without MLflow (./atelier train) still leaves its quality
 * numbers and pictures behind, and a launcher or a person can read them without a tracking server.
 * A resumed trial appends: the last line of a step counts.
 */
public final class OutputDirArtifacts implements TrainingListener {
  public static final String METRICS = "sample_metrics.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;

  public OutputDirArtifacts(Path outputDir) {
    this.dir = outputDir;
  }

  @Override
  public void onSample(int step, byte[] gridPng, SampleOutput output) {
    try {
      Path grid = dir.resolve(MlflowListener.samplePath(step));
      Files.createDirectories(grid.getParent());
      Files.write(grid, gridPng);
      for (var a : output.artifacts().entrySet()) {
        // SampleOutput already refused absolute paths and '..' parts.
        Path file = dir.resolve(a.getKey());
        Files.createDirectories(file.getParent());
        Files.write(file, a.getValue());
      }
      if (!output.metrics().isEmpty()) {
        ObjectNode line = JSON.createObjectNode();
        line.put("step", step);
        new java.util.TreeMap<>(output.metrics()).forEach(line::put);
        Files.writeString(
            dir.resolve(METRICS),
            JSON.writeValueAsString(line) + "\n",
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write sample outputs under " + dir, e);
    }
  }
}
