package dev.atelier.trainers.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.trainers.spec.CheckpointSpec;
import dev.atelier.trainers.spec.TrialSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointRetentionTest {
  @TempDir Path tmp;

  private List<String> stepFolders() throws Exception {
    try (Stream<Path> s = Files.list(Checkpoint.root(tmp.resolve("out")))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** A made-up quality metric from a sample hook: lowest (best) at step 4. */
  private static final SampleHook BEST_AT_FOUR =
      c -> SampleOutput.metrics(Map.of("sharpness_loss", Math.abs(c.step() - 4) + 1.0));

  @Test
  void theLastThreeAndTheBestByTheSpecsMetricAreKept() throws Exception {
    TrialSpec spec =
        TinyTrials.spec(tmp, tmp.resolve("out"), 10, 1).toBuilder()
            .checkpoints(new CheckpointSpec(1, 3, "sharpness_loss"))
            .build();
    GanTraining.run(
        spec,
        TinyTrials.solid(TinyTrials.RED, 16),
        new TrainingListener() {},
        new StopSignal(),
        BEST_AT_FOUR);
    assertEquals(
        List.of("final", "step_0000004", "step_0000007", "step_0000008", "step_0000009"),
        stepFolders());
    JsonNode best = Checkpoint.descriptor(Checkpoint.stepDir(tmp.resolve("out"), 4)).orElseThrow();
    assertEquals("sharpness_loss", best.path("quality").path("metric").asText());
    assertEquals(1.0, best.path("quality").path("value").asDouble());
    assertEquals(
        10,
        Checkpoint.descriptor(Checkpoint.dir(tmp.resolve("out")))
            .orElseThrow()
            .path("step")
            .asInt());
  }

  @Test
  void aMetricWhereHigherIsBetterKeepsTheHighest() throws Exception {
    // psnr by step: 2 -> 20, 4 -> 31 (best), 6 -> 25, 8 -> 27; plus another trial's step 3.
    ObjectMapper json = new ObjectMapper();
    JsonNode trial = json.readTree("{\"model\": \"srgan4x\", \"seed\": 1}");
    Path out = tmp.resolve("out");
    double[] psnr = {20, 31, 25, 27};
    for (int k = 0; k < psnr.length; k++) {
      int step = 2 * (k + 1);
      write(out, step, trial, new BestMetric("psnr", psnr[k], step));
    }
    write(out, 3, json.readTree("{\"model\": \"srgan4x\", \"seed\": 2}"), null);
    List<Path> deleted = CheckpointRetention.prune(out, trial, 1, "psnr", true);
    assertEquals(List.of(Checkpoint.stepDir(out, 2), Checkpoint.stepDir(out, 6)), deleted);
    assertEquals(List.of("step_0000003", "step_0000004", "step_0000008"), stepFolders());
    // Read as a distance instead, the lowest (step 2's 20) would be the one kept.
    write(out, 2, trial, new BestMetric("psnr", 20, 2));
    CheckpointRetention.prune(out, trial, 1, "psnr", false);
    assertEquals(List.of("step_0000002", "step_0000003", "step_0000008"), stepFolders());
  }

  private static void write(Path out, int step, JsonNode trial, BestMetric best) throws Exception {
    Path dir = Checkpoint.stepDir(out, step);
    Files.createDirectories(dir);
    Map<String, Object> d = new java.util.LinkedHashMap<>();
    d.put("step", step);
    d.put("trial", trial);
    if (best != null) {
      d.put("quality", best.asDescriptor());
    }
    new ObjectMapper().writeValue(dir.resolve(Checkpoint.DESCRIPTOR).toFile(), d);
  }

  @Test
  void withoutTheMetricOnlyTheLastAreKept() throws Exception {
    TrialSpec spec =
        TinyTrials.spec(tmp, tmp.resolve("out"), 6, 100).toBuilder()
            .checkpoints(new CheckpointSpec(1, 2, "no_such_metric"))
            .build();
    GanTraining.run(
        spec, TinyTrials.solid(TinyTrials.RED, 16), new TrainingListener() {}, new StopSignal());
    assertEquals(List.of("final", "step_0000004", "step_0000005"), stepFolders());
  }
}
