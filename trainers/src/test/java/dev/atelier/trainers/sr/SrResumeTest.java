package dev.atelier.trainers.sr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.spec.ProbeSpec;
import dev.atelier.trainers.spec.SrHyperparams;
import dev.atelier.trainers.spec.SrTrialSpec;
import dev.atelier.trainers.train.Checkpoint;
import dev.atelier.trainers.train.SampleOutput;
import dev.atelier.trainers.train.StepMetrics;
import dev.atelier.trainers.train.StopSignal;
import dev.atelier.trainers.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping after 3 steps and resuming to 6 gives the losses, PSNRs and exported weight average of 6
 * steps straight (ema_decay is on by default).
 */
class SrResumeTest {
  @TempDir Path tmp;

  private Map<Integer, Double> train(Path out, int steps, Map<Integer, Double> losses)
      throws Exception {
    ImageDataset data = SmoothImages.dataset(12, 16, 9);
    SrHyperparams hp = hyperparams(steps);
    assertEquals(0.999, hp.emaDecay());
    SrTrialSpec spec = SmoothImages.spec(tmp, out, 16, hp);
    TrainingListener record =
        new TrainingListener() {
          @Override
          public void onStep(int step, StepMetrics m) {
            losses.put(step, m.lossG());
          }

          @Override
          public void onSample(int step, byte[] png, SampleOutput out) {
            losses.put(-step, out.metrics().get("psnr"));
          }
        };
    SrTraining.run(
        spec,
        SrProbe.split(data, new ProbeSpec(1, 2)),
        record,
        SrTraining.Extras.NONE,
        new StopSignal());
    return losses;
  }

  /** Adversarial from step 2 on, so the resumed part uses both losses. */
  private static SrHyperparams hyperparams(int steps) {
    SrHyperparams hp = SmoothImages.tiny(steps);
    return new SrHyperparams(
        hp.lrG(), hp.lrD(), hp.beta1(), hp.beta2(), 4, steps, 8, 4, 1, 0.01, hp.contentLoss(), 2);
  }

  @Test
  void aResumedRunContinuesExactlyWhereItStopped() throws Exception {
    Map<Integer, Double> straight = train(tmp.resolve("a"), 6, new HashMap<>());
    Map<Integer, Double> resumed = train(tmp.resolve("b"), 3, new HashMap<>());
    assertTrue(Files.exists(tmp.resolve("b/checkpoints/final/optimizer_generator.safetensors")));
    Map<Integer, Double> second = train(tmp.resolve("b"), 6, new HashMap<>());
    assertEquals(java.util.Set.of(4, 5, 6, -6), second.keySet(), "the second run started over");
    resumed.putAll(second);
    for (int step = 1; step <= 6; step++) {
      assertEquals(straight.get(step), resumed.get(step), 1e-4 * Math.abs(straight.get(step)));
    }
    assertEquals(straight.get(-6), resumed.get(-6), 1e-6, "psnr of the average at step 6");
    SrHyperparams hp = hyperparams(6);
    for (String name : new String[] {Checkpoint.GENERATOR, Checkpoint.GENERATOR_RAW}) {
      assertArrayEquals(
          SrWeights.of(Checkpoint.dir(tmp.resolve("a")), name, hp, 4),
          SrWeights.of(Checkpoint.dir(tmp.resolve("b")), name, hp, 4),
          1e-5f,
          name);
    }
  }
}
