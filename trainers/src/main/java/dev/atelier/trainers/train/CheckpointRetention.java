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
 * Keeps the last {@code keep_last} step checkpoints of this trial plus the one with the best {@code
 * keep_best_by} value, and deletes the other step checkpoints of this trial. Folders of other
 * trials (another model or hyperparameters in the same output folder) and {@code final/} are left
 * alone. The GAN trainer ranks by metrics where lower is better; srgan4x also by {@code psnr}.
 */
public final class CheckpointRetention {
  private CheckpointRetention() {}

  /**
   * @return the step folders deleted
   */
  static List<Path> prune(Path outputDir, TrialSpec spec) throws IOException {
    return prune(
        outputDir,
        Checkpoint.trial(spec),
        spec.checkpoints().keepLast(),
        spec.checkpoints().keepBestBy(),
        false);
  }

  /**
   * @param trial the {@code trial} identity a checkpoint's descriptor must have to be this trial's
   * @param metric the {@code keep_best_by} metric, read from each descriptor's {@code quality}
   * @param higherIsBetter true for a metric like PSNR, false for distances
   * @return the step folders deleted
   */
  public static List<Path> prune(
      Path outputDir, JsonNode trial, int keepLast, String metric, boolean higherIsBetter)
      throws IOException {
    record Entry(Path dir, int step, double quality) {}
    List<Entry> mine = new ArrayList<>();
    for (Path dir : Checkpoint.candidates(outputDir)) {
      if (!dir.getFileName().toString().startsWith("step_")) {
        continue;
      }
      Checkpoint.descriptor(dir)
          .filter(d -> trial.equals(d.path("trial")))
          .ifPresent(
              d -> {
                double v =
                    BestMetric.fromDescriptor(d)
                        .filter(q -> q.metric().equals(metric))
                        .map(BestMetric::value)
                        .orElse(Double.NaN);
                mine.add(new Entry(dir, d.path("step").asInt(), v));
              });
    }
    mine.sort(Comparator.comparingInt(Entry::step));
    Set<Path> keep = new HashSet<>();
    for (int i = Math.max(0, mine.size() - keepLast); i < mine.size(); i++) {
      keep.add(mine.get(i).dir());
    }
    // The best value wins; on a tie, the earlier step.
    Comparator<Entry> byValue = Comparator.comparingDouble(Entry::quality);
    mine.stream()
        .filter(e -> !Double.isNaN(e.quality()))
        .min((higherIsBetter ? byValue.reversed() : byValue).thenComparingInt(Entry::step))
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
