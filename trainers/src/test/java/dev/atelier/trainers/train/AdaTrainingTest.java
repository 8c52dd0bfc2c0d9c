package dev.atelier.trainers.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.spec.AdaSpec;
import dev.atelier.trainers.spec.AugmentSpec;
import dev.atelier.trainers.spec.CheckpointSpec;
import dev.atelier.trainers.spec.TrialSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adaptive augmentation in training: its probability follows D's overfitting, it is logged every
 * step, G learns through it, and a resumed trial continues with the same probability.
 */
class AdaTrainingTest {
  @TempDir Path tmp;

  private TrialSpec spec(String name, int steps, AdaSpec ada) {
    return TinyTrials.spec(tmp, tmp.resolve(name), steps, 1000).toBuilder()
        .augment(new AugmentSpec(false, List.of(), java.util.Optional.of(ada)))
        .build();
  }

  /** Every step's metrics. */
  private static Map<Integer, StepMetrics> train(TrialSpec spec, ImageDataset data, int stopAt)
      throws Exception {
    Map<Integer, StepMetrics> byStep = new TreeMap<>();
    StopSignal stop = new StopSignal();
    GanTraining.run(
        spec,
        data,
        new TrainingListener() {
          @Override
          public void onStep(int step, StepMetrics m) {
            byStep.put(step, m);
            if (step == stopAt) {
              stop.request();
            }
          }
        },
        stop);
    return byStep;
  }

  /**
   * Images from the trial's own generator as it is at step 0 (same seed, same architecture, batch
   * statistics as in training): real and fake start out from one distribution, so all D can learn
   * about the reals is the particular images, which it can only memorise when there are few.
   */
  private static ImageDataset fromInitialGenerator(TrialSpec spec, int distinct, int count) {
    Engine.getEngine("PyTorch").setRandomSeed((int) spec.seed());
    int len = 3 * 32 * 32;
    float[] own = new float[distinct * len];
    Random r = new Random(99);
    try (Networks nets = Networks.create(spec, List.of());
        NDManager m = NDManager.newBaseManager()) {
      int b = spec.hyperparams().batchSize();
      int latent = spec.hyperparams().latentDim();
      for (int from = 0; from < distinct; from += b) {
        float[] z = new float[b * latent];
        for (int i = 0; i < z.length; i++) {
          z[i] = (float) r.nextGaussian();
        }
        NDArray out =
            nets.g()
                .block
                .forward(
                    new ParameterStore(m, false),
                    new NDList(m.create(z, new Shape(b, latent))),
                    true)
                .singletonOrThrow();
        float[] v = out.toFloatArray();
        System.arraycopy(v, 0, own, from * len, Math.min(b, distinct - from) * len);
      }
    }
    float[] px = new float[count * len];
    for (int k = 0; k < count; k++) {
      System.arraycopy(own, (k % distinct) * len, px, k * len, len);
    }
    return new ImageDataset(px, count, 32, 0);
  }

  @Test
  void theProbabilityRisesOnFourImagesAndStaysNearZeroOnThousands() throws Exception {
    // G nearly frozen (lr_g 1e-6), so what D learns about the reals is only their identity; each
    // adjustment (every 4 steps) moves p by 16 · 4 / 800 = 0.08.
    AdaSpec ada = new AdaSpec(0.6, 4, 0.8, 0);
    int steps = 200;
    TrialSpec tinySpec = frozenG(spec("tiny", steps, ada));
    Map<Integer, StepMetrics> tiny = train(tinySpec, fromInitialGenerator(tinySpec, 4, 16), -1);
    TrialSpec largeSpec = frozenG(spec("large", steps, ada));
    Map<Integer, StepMetrics> large =
        train(largeSpec, fromInitialGenerator(largeSpec, 4096, 4096), -1);

    for (int s = 20; s <= steps; s += 20) {
      System.out.printf(
          "step %d: 4 images p=%.3f rt=%.3f | 4096 images p=%.3f rt=%.3f%n",
          s,
          tiny.get(s).extra().get("ada_p"),
          tiny.get(s).extra().get("ada_rt"),
          large.get(s).extra().get("ada_p"),
          large.get(s).extra().get("ada_rt"));
    }
    // On 4 images p climbs until augmentation stops D memorising them (measured: 0.4 at step
    // 200, with r_t around the target); on 4096 D has nothing to memorise and p stays at 0.
    double tinyP = tiny.get(steps).extra().get("ada_p");
    double largeMax =
        large.values().stream().mapToDouble(m -> m.extra().get("ada_p")).max().orElse(1);
    assertTrue(tinyP >= 0.2, "p on 4 images at step " + steps + ": " + tinyP);
    assertTrue(largeMax <= 0.1, "p on 4096 images reached " + largeMax);
    assertEquals(0.0, tiny.get(1).extra().get("ada_p"), "step 1 trains at the spec's p");
  }

  private static TrialSpec frozenG(TrialSpec s) {
    return s.toBuilder()
        .hyperparams(s.hyperparams().withLearningRates(1e-6, s.hyperparams().lrD()))
        .build();
  }

  @Test
  void atFullProbabilityGStillLearnsThroughThePipeline() throws Exception {
    // kimg huge: p stays at 1 for the whole run.
    TrialSpec s = spec("full", 6, new AdaSpec(0.6, 1, 1e9, 1));
    Map<Integer, StepMetrics> m = train(s, TinyTrials.solid(TinyTrials.RED, 16), -1);
    for (StepMetrics step : m.values()) {
      assertEquals(1.0, step.extra().get("ada_p"), 1e-6);
      assertTrue(step.gradNormG() > 0 && Double.isFinite(step.gradNormG()), "" + step);
    }
  }

  @Test
  void r3ganWithItsPenaltiesAndProganAtEightPixelsTrainThroughThePipeline() throws Exception {
    AugmentSpec full =
        new AugmentSpec(false, List.of(), java.util.Optional.of(new AdaSpec(0.6, 1, 1e9, 1)));
    TrialSpec r3gan =
        R3ganTrainingTest.spec(tmp, tmp.resolve("r3gan"), 3, 1000).toBuilder()
            .augment(full)
            .build();
    TrialSpec progan =
        TrialSpec.builder(
                "test/progan",
                dev.atelier.trainers.spec.ModelKind.PROGAN,
                new dev.atelier.trainers.spec.DatasetSpec(tmp, 32, 0xffffff),
                new dev.atelier.trainers.spec.Hyperparams(0.002, 0.5, 8, 16, 3, 8, 8),
                tmp.resolve("progan"))
            .seed(7)
            .sampleEvery(1000)
            .threads(java.util.OptionalInt.of(1))
            .progressive(new dev.atelier.trainers.spec.ProgressiveSpec(8, 64, 32))
            .augment(full)
            .build();
    for (TrialSpec s : List.of(r3gan, progan)) {
      Map<Integer, StepMetrics> m = train(s, TinyTrials.solid(TinyTrials.RED, 16), -1);
      assertEquals(3, m.size(), s.model().specName());
      for (StepMetrics step : m.values()) {
        assertEquals(1.0, step.extra().get("ada_p"), 1e-6);
        assertTrue(
            step.gradNormG() > 0 && Double.isFinite(step.gradNormG() + step.lossD()),
            s.model().specName() + ": " + step);
      }
    }
  }

  @Test
  void aResumedTrialContinuesWithTheSameProbability() throws Exception {
    // interval 3 with a stop after step 4: the checkpoint holds an interval's partial sums.
    AdaSpec ada = new AdaSpec(0.6, 3, 0.1, 0.3);
    int steps = 8;
    TrialSpec whole = spec("whole", steps, ada);
    TrialSpec split = spec("split", steps, ada);
    split =
        split.toBuilder()
            .checkpoints(new CheckpointSpec(100, 3, split.checkpoints().keepBestBy()))
            .build();
    ImageDataset data = TinyTrials.solid(TinyTrials.RED, 16);
    Map<Integer, StepMetrics> a = train(whole, data, -1);
    train(split, data, 4);
    Map<Integer, StepMetrics> b = train(split, data, -1);
    assertEquals(IntStream.rangeClosed(5, steps).boxed().toList(), new ArrayList<>(b.keySet()));
    for (int step = 5; step <= steps; step++) {
      ResumeTest.assertSameTraining(a.get(step), b.get(step), step);
      assertEquals(a.get(step).extra().get("ada_p"), b.get(step).extra().get("ada_p"));
      assertEquals(a.get(step).extra().get("ada_rt"), b.get(step).extra().get("ada_rt"));
    }
    assertTrue(a.get(steps).extra().get("ada_p") != 0.3, "p moved: " + a.get(steps).extra());
  }
}
