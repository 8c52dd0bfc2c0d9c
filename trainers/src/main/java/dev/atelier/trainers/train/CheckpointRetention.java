package dev.atelier.trainers.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atelier.trainers.spec.TrialSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the last {@code keep_last} step checkpoints of this trial plus the one with the lowest
 * {@code keep_best_by} value, and deletes the other step checkpoints of this trial. Folders of
 * other trials (another model or hyperparameters in the same output folder) and {@code final/} are
 * left alone.
 */
final class CheckpointRetention {
  private CheckpointRetention() {}

  /**
   * @return the step folders deleted
   */
  static List<Path> prune(Path outputDir, TrialSpec spec) throws IOException {
    record Entry(Path dir, int step, double quality) {}
    JsonNode trial = Checkpoint.trial(spec);
    String metric = spec.checkpoints().keepBestBy();
    List<Entry> mine = new ArrayList<>();
    for (Path dir : Checkpoint.candidates(outputDir)) {
      if (!dir.getFileName().toString().startsWith("step_")) {
        continue;
      }
      Checkpoint.descriptor(dir)
          .filter(d -> trial.equals(d.path("trial")))
          .ifPresent(
              d -> {
                JsonNode q = d.path("quality");
                double v =
                    metric.equals(q.path("metric").asText()) && q.path("value").isNumber()
                        ? q.path("value").asDouble()
                        : Double.NaN;
                mine.add(new Entry(dir, d.path("step").asInt(), v));
              });
    }
    mine.sort(Comparator.comparingInt(Entry::step));
    Set<Path> keep = new HashSet<>();
    int keepLast = spec.checkpoints().keepLast();
    for (int i = Math.max(0, mine.size() - keepLast); i < mine.size(); i++) {
      keep.add(mine.get(i).dir());
    }
    // Lowest value wins; on a tie, the earlier step.
    mine.stream()
        .filter(e -> !Double.isNaN(e.quality()))
        .min(Comparator.comparingDouble(Entry::quality).thenComparingInt(Entry::step))
        .ifPresent(e -> keep.add(e.dir()));
    List<Path> deleted = new ArrayList<>();
    for (Entry e : mine) {
      if (!keep.contains(e.dir())) {
        CheckpointIo.deleteTree(e.dir());
        deleted.add(e.dir());
      }
    }
    return deleted;
  }
}
