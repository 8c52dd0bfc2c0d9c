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
 * Keeps what the sample steps produce in the trial's output folder as well as in MLflow: the first
 * real batch ({@code inputs/real_grid.png}), the probe grid ({@code samples/step_NNNNNNN.png}), the
 * hooks' artifacts under the same relative paths (novelty/step_NNNNNNN.png, walks/final.gif, ...)
 * and their metrics, one JSON line per sample step, in {@value #METRICS}. A trial run without
 * MLflow (./atelier train) still leaves its quality numbers and pictures behind, and a launcher or
 * a person can read them without a tracking server. A resumed trial appends: the last line of a
 * step counts.
 */
public final class OutputDirArtifacts implements TrainingListener {
  public static final String METRICS = "sample_metrics.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;

  public OutputDirArtifacts(Path outputDir) {
    this.dir = outputDir;
  }

  @Override
  public void onRealGrid(byte[] png) {
    write(MlflowListener.REAL_GRID, png);
  }

  @Override
  public void onSample(int step, byte[] gridPng, SampleOutput output) {
    try {
      write(MlflowListener.samplePath(step), gridPng);
      // SampleOutput already refused absolute paths and '..' parts.
      output.artifacts().forEach(this::write);
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

  private void write(String path, byte[] bytes) {
    try {
      Path file = dir.resolve(path);
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + dir.resolve(path), e);
    }
  }
}
