package dev.atelier.trainers.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
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
        TinyTrials.spec(tmp, tmp.resolve("out"), 10, 1)
            .withCheckpoints(new CheckpointSpec(1, 3, "sharpness_loss"));
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
  void withoutTheMetricOnlyTheLastAreKept() throws Exception {
    TrialSpec spec =
        TinyTrials.spec(tmp, tmp.resolve("out"), 6, 100)
            .withCheckpoints(new CheckpointSpec(1, 2, "no_such_metric"));
    GanTraining.run(
        spec, TinyTrials.solid(TinyTrials.RED, 16), new TrainingListener() {}, new StopSignal());
    assertEquals(List.of("final", "step_0000004", "step_0000005"), stepFolders());
  }
}
