package dev.atelier.trainers.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atelier.trainers.image.SampleGrid;
import dev.atelier.trainers.spec.CheckpointSpec;
import dev.atelier.trainers.spec.TrialSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackgroundSamplesTest {
  @TempDir Path tmp;

  /** A background hook that measures at every sample step. */
  private static BackgroundHook everyStep(SampleHook hook) {
    return new BackgroundHook() {
      @Override
      public boolean measuresAt(int step, int steps) {
        return true;
      }

      @Override
      public SampleOutput onSample(SampleContext c) throws java.io.IOException {
        return hook.onSample(c);
      }
    };
  }

  /** False when the latch is not counted down in minutes: training waited for the measurement. */
  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(5, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void trainingGoesOnWhileACopyOfTheGeneratorIsMeasuredAndTheResultIsReportedAtItsStep()
      throws Exception {
    TrialSpec spec = TinyTrials.spec(tmp, tmp.resolve("out"), 8, 4);
    CountDownLatch stepSix = new CountDownLatch(1);
    Map<Integer, byte[]> measuredGrids = new ConcurrentHashMap<>();
    List<String> threads = new ArrayList<>();
    SampleHook measure =
        c -> {
          threads.add(Thread.currentThread().getName());
          // The copy taken at step 4 must draw what the generator drew at step 4, even after the
          // training thread has moved on and changed the weights.
          boolean trainedOn = c.step() != 4 || await(stepSix);
          float[] probe = c.generator().generate(ProbeLatents.draw(1234, 64, 8), 64);
          measuredGrids.put(c.step(), SampleGrid.png(probe, 64, 32));
          return SampleOutput.metrics(Map.of("trained_on", trainedOn ? 1.0 : 0.0));
        };
    List<Integer> reported = new ArrayList<>();
    Map<Integer, byte[]> grids = new ConcurrentHashMap<>();
    Map<Integer, SampleOutput> outputs = new ConcurrentHashMap<>();
    TrainingListener record =
        new TrainingListener() {
          @Override
          public void onStep(int step, StepMetrics m) {
            if (step == 6) {
              stepSix.countDown();
            }
          }

          @Override
          public void onSample(int step, byte[] grid, SampleOutput out) {
            reported.add(step);
            grids.put(step, grid);
            outputs.put(step, out);
          }
        };
    TrainingResult r =
        GanTraining.run(
            spec,
            TinyTrials.solid(TinyTrials.RED, 16),
            record,
            new StopSignal(),
            SampleHook.NONE,
            everyStep(measure));
    assertEquals(List.of("quality-evaluator", "quality-evaluator"), threads);
    // Step 4's measurement finished only after step 6 had been trained: the steps did not wait.
    assertEquals(1.0, outputs.get(4).metrics().get("trained_on"));
    assertEquals(List.of(4, 8), reported);
    assertArrayEquals(grids.get(4), measuredGrids.get(4));
    assertArrayEquals(grids.get(8), measuredGrids.get(8));
    assertNotEquals(
        new String(grids.get(4), java.nio.charset.StandardCharsets.ISO_8859_1),
        new String(grids.get(8), java.nio.charset.StandardCharsets.ISO_8859_1));
    // One report per step, with the training thread's metrics and the measurement together.
    assertTrue(
        outputs.get(8).metrics().keySet().containsAll(List.of("fd_diag_rgb8", "sample_seconds")));
    assertEquals(1.0, outputs.get(8).metrics().get("trained_on"));
    assertEquals(1.0, r.metrics().get("trained_on"));
  }

  @Test
  void aMeasurementThatThrowsFailsTheRunWithItsOwnException() {
    TrialSpec spec = TinyTrials.spec(tmp, tmp.resolve("out"), 6, 3);
    SampleHook broken =
        c -> {
          throw new IllegalStateException("extractor returned 3 features, expected 16");
        };
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                GanTraining.run(
                    spec,
                    TinyTrials.solid(TinyTrials.RED, 16),
                    new TrainingListener() {},
                    new StopSignal(),
                    SampleHook.NONE,
                    everyStep(broken)));
    assertEquals("extractor returned 3 features, expected 16", e.getMessage());
  }

  @Test
  void eachCheckpointIsRankedByTheValueMeasuredAtItsOwnStep() throws Exception {
    TrialSpec spec =
        TinyTrials.spec(tmp, tmp.resolve("out"), 10, 1).toBuilder()
            .checkpoints(new CheckpointSpec(1, 3, "sharpness_loss"))
            .build();
    SampleHook bestAtFour =
        c -> SampleOutput.metrics(Map.of("sharpness_loss", Math.abs(c.step() - 4) + 1.0));
    GanTraining.run(
        spec,
        TinyTrials.solid(TinyTrials.RED, 16),
        new TrainingListener() {},
        new StopSignal(),
        SampleHook.NONE,
        everyStep(bestAtFour));
    Path out = tmp.resolve("out");
    try (Stream<Path> s = Files.list(Checkpoint.root(out))) {
      assertEquals(
          List.of("final", "step_0000004", "step_0000007", "step_0000008", "step_0000009"),
          s.map(p -> p.getFileName().toString()).sorted().toList());
    }
    for (int step : List.of(4, 7, 8, 9)) {
      JsonNode q =
          Checkpoint.descriptor(Checkpoint.stepDir(out, step)).orElseThrow().path("quality");
      assertEquals(step, q.path("measured_at_step").asInt());
      assertEquals(Math.abs(step - 4) + 1.0, q.path("value").asDouble());
    }
  }
}
