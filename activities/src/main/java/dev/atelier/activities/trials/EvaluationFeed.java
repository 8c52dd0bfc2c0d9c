package dev.atelier.activities.trials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.workflows.search.Evaluation;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.tracking.MlflowClient;

/**
 * A running trial's evaluations (its sample steps' metrics), each handed out once, in step order:
 * from the trainer's {@code sample_metrics.jsonl} when it writes on this machine (the local
 * launcher, or a work volume this worker mounts), else from the run's metric histories in MLflow,
 * asked at most every {@link TrialProgress#MLFLOW_EVERY_MILLIS} and only when {@value #MARKER}
 * (logged at every sample step) has moved on. A relaunched trial's wait starts again from its first
 * evaluation: the sweep ignores steps it has.
 */
final class EvaluationFeed {
  static final String METRICS_FILE = "sample_metrics.jsonl";

  /** The built-in metric every sample step logs: its history lists the evaluation steps. */
  static final String MARKER = "fd_diag_rgb8";

  /** Logged every step, never only at evaluations: no history of theirs is worth fetching. */
  private static final Set<String> PER_STEP =
      Set.of(
          "loss_g",
          "loss_d",
          "d_real",
          "d_fake",
          "grad_norm_g",
          "grad_norm_d",
          "lr_g",
          "lr_d",
          "images_per_sec",
          "resolution",
          "alpha");

  private static final ObjectMapper JSON = new ObjectMapper();
  private final MlflowClient mlflow;
  private final Path dir;
  private final String runId;
  private final long mlflowEveryMillis;
  private long offset;
  private long lastStep = -1;
  private long lastAsked;

  EvaluationFeed(MlflowClient mlflow, Path dir, String runId) {
    this(mlflow, dir, runId, TrialProgress.MLFLOW_EVERY_MILLIS);
  }

  EvaluationFeed(MlflowClient mlflow, Path dir, String runId, long mlflowEveryMillis) {
    this.mlflow = mlflow;
    this.dir = dir;
    this.runId = runId;
    this.mlflowEveryMillis = mlflowEveryMillis;
  }

  /** The evaluations not handed out yet; empty when there are none, or their source blinked. */
  List<Evaluation> next() {
    boolean local =
        Files.exists(dir.resolve(METRICS_FILE)) || Files.exists(dir.resolve(TrainerFiles.PROGRESS));
    try {
      return local ? fromFile() : fromMlflow();
    } catch (IOException | RuntimeException unreadable) {
      // A report is worth a retry at the next poll, never a failed wait.
      return List.of();
    }
  }

  /** New complete lines only: the trainer may be writing the last one. */
  private List<Evaluation> fromFile() throws IOException {
    Path file = dir.resolve(METRICS_FILE);
    if (!Files.exists(file)) {
      return List.of();
    }
    byte[] fresh;
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      if (f.length() < offset) {
        offset = 0; // rewritten from scratch
      }
      fresh = new byte[(int) (f.length() - offset)];
      f.seek(offset);
      f.readFully(fresh);
    }
    String text = new String(fresh, StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n');
    if (end < 0) {
      return List.of();
    }
    offset += text.substring(0, end + 1).getBytes(StandardCharsets.UTF_8).length;
    List<Evaluation> out = new ArrayList<>();
    for (String line : text.substring(0, end).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = JSON.readTree(line);
      long step = node.path("step").asLong(-1);
      if (step <= lastStep) {
        continue;
      }
      Map<String, Double> metrics = new LinkedHashMap<>();
      node.fields()
          .forEachRemaining(
              e -> {
                if (!e.getKey().equals("step")) {
                  metrics.put(e.getKey(), number(e.getValue()));
                }
              });
      out.add(new Evaluation(step, metrics));
      lastStep = step;
    }
    return out;
  }

  /** NaN and infinities are written as strings by some JSON writers; they are divergence, kept. */
  private static double number(JsonNode v) {
    return v.isNumber() ? v.asDouble() : Double.parseDouble(v.asText());
  }

  private List<Evaluation> fromMlflow() {
    long now = System.currentTimeMillis();
    if (now - lastAsked < mlflowEveryMillis) {
      return List.of();
    }
    lastAsked = now;
    Run run = mlflow.getRun(runId);
    long newest = -1;
    List<String> keys = new ArrayList<>();
    for (Metric m : run.getData().getMetricsList()) {
      if (m.getKey().equals(MARKER)) {
        newest = m.getStep();
      }
      if (!PER_STEP.contains(m.getKey())) {
        keys.add(m.getKey());
      }
    }
    if (newest <= lastStep) {
      return List.of();
    }
    TreeMap<Long, Map<String, Double>> byStep = new TreeMap<>();
    for (Metric m : mlflow.getMetricHistory(runId, MARKER)) {
      if (m.getStep() > lastStep) {
        byStep.computeIfAbsent(m.getStep(), s -> new LinkedHashMap<>());
      }
    }
    for (String key : keys) {
      for (Metric m : mlflow.getMetricHistory(runId, key)) {
        Map<String, Double> at = byStep.get(m.getStep());
        if (at != null) {
          at.put(key, m.getValue());
        }
      }
    }
    List<Evaluation> out = new ArrayList<>();
    byStep.forEach((step, metrics) -> out.add(new Evaluation(step, metrics)));
    if (!byStep.isEmpty()) {
      lastStep = byStep.lastKey();
    }
    return out;
  }
}
