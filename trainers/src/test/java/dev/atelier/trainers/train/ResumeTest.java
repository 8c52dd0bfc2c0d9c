package dev.atelier.trainers.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.trainers.spec.AugmentSpec;
import dev.atelier.trainers.spec.AugmentSpec.DiffAug;
import dev.atelier.trainers.spec.CheckpointSpec;
import dev.atelier.trainers.spec.LossKind;
import dev.atelier.trainers.spec.TrialSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resumed trial continues exactly where it stopped: weights, weight average, both optimizers'
 * moments and update counts, and every random draw (a function of seed and step) come back, so the
 * losses after the resume are the uninterrupted run's, and the logged steps have no gap or repeat.
 */
class ResumeTest {
  private static final int STEPS = 8;
  @TempDir Path tmp;

  /** Every stateful part on: weight average, R1, mirroring and all of DiffAugment. */
  private TrialSpec spec(String name) {
    TrialSpec s = TinyTrials.spec(tmp, tmp.resolve(name), STEPS, 100);
    return s.toBuilder()
        .hyperparams(s.hyperparams().with(LossKind.HINGE, 10, 0.1, 0.9))
        .augment(new AugmentSpec(true, List.of(DiffAug.COLOR, DiffAug.TRANSLATION, DiffAug.CUTOUT)))
        .checkpoints(new CheckpointSpec(3, 3, "fd_diag_rgb8"))
        .build();
  }

  /** Runs until done or until step {@code stopAt}; returns the metrics of each step logged. */
  static Map<Integer, StepMetrics> run(TrialSpec spec, int stopAt, List<Integer> order)
      throws Exception {
    Map<Integer, StepMetrics> byStep = new TreeMap<>();
    StopSignal stop = new StopSignal();
    TrainingListener record =
        new TrainingListener() {
          @Override
          public void onStep(int step, StepMetrics m) {
            byStep.put(step, m);
            order.add(step);
            if (step == stopAt) {
              stop.request();
            }
          }
        };
    GanTraining.run(spec, TinyTrials.solid(TinyTrials.RED, 16), record, stop);
    return byStep;
  }

  static void assertSameTraining(StepMetrics expected, StepMetrics actual, int step) {
    Map<String, Double> e = expected.asMap();
    Map<String, Double> a = actual.asMap();
    for (String k : e.keySet()) {
      if (k.equals("images_per_sec")) {
        continue;
      }
      double tolerance = 1e-4 * Math.max(1, Math.abs(e.get(k)));
      assertEquals(e.get(k), a.get(k), tolerance, k + " at step " + step);
    }
  }

  @Test
  void aTrialStoppedHalfwayAndResumedMatchesTheUninterruptedOne() throws Exception {
    Map<Integer, StepMetrics> whole = run(spec("whole"), -1, new ArrayList<>());
    List<Integer> order = new ArrayList<>();
    run(spec("split"), STEPS / 2, order);
    assertEquals(
        STEPS / 2, Checkpoint.resumableStep(Checkpoint.dir(tmp.resolve("split")), spec("split")));
    Map<Integer, StepMetrics> resumed = run(spec("split"), -1, order);

    assertEquals(IntStream.rangeClosed(1, STEPS).boxed().toList(), order);
    for (int step = STEPS / 2 + 1; step <= STEPS; step++) {
      assertSameTraining(whole.get(step), resumed.get(step), step);
    }
  }

  @Test
  void aTrialKilledWithoutAFinalCheckpointResumesFromItsLastStepCheckpoint() throws Exception {
    Map<Integer, StepMetrics> whole = run(spec("whole"), -1, new ArrayList<>());
    Path out = tmp.resolve("killed");
    run(spec("killed"), 7, new ArrayList<>());
    assertTrue(Files.isDirectory(Checkpoint.stepDir(out, 3)));
    assertTrue(Files.isDirectory(Checkpoint.stepDir(out, 6)));
    // As if killed outright after step 7: no final checkpoint was written.
    CheckpointIo.deleteTree(Checkpoint.dir(out));
    List<Integer> order = new ArrayList<>();
    Map<Integer, StepMetrics> resumed = run(spec("killed"), -1, order);
    assertEquals(List.of(7, 8), order);
    for (int step = 7; step <= STEPS; step++) {
      assertSameTraining(whole.get(step), resumed.get(step), step);
    }
  }

  @Test
  void anotherTrialsCheckpointIsNotResumed() throws Exception {
    run(spec("out"), 4, new ArrayList<>());
    TrialSpec otherSeed =
        TrialSpec.builder(
                "test/tiny",
                spec("out").model(),
                spec("out").dataset(),
                spec("out").hyperparams(),
                tmp.resolve("out"))
            .seed(8)
            .probe(spec("out").probe())
            .sampleEvery(100)
            .threads(spec("out").threads())
            .augment(spec("out").augment())
            .divergence(spec("out").divergence())
            .checkpoints(spec("out").checkpoints())
            .build();
    assertEquals(4, Checkpoint.resumableStep(Checkpoint.dir(tmp.resolve("out")), spec("out")));
    assertEquals(0, Checkpoint.resumableStep(Checkpoint.dir(tmp.resolve("out")), otherSeed));
  }
}
