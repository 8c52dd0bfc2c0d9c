package dev.atelier.trainers.sr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.trainers.spec.ProbeSpec;
import dev.atelier.trainers.spec.SrHyperparams;
import dev.atelier.trainers.spec.SrTrialSpec;
import dev.atelier.trainers.train.Checkpoint;
import dev.atelier.trainers.train.StopSignal;
import dev.atelier.trainers.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code ema_decay} > 0 the exported generator is the weight average (what {@code upscale}
 * loads) and the trained one is kept beside it; with 0 the trained one is exported as before.
 */
class SrEmaTest {
  @TempDir Path tmp;

  private Path train(String name, double emaDecay) throws Exception {
    SrHyperparams t = SmoothImages.tiny(1);
    SrHyperparams hp =
        new SrHyperparams(
            t.lrG(),
            t.lrD(),
            t.beta1(),
            t.beta2(),
            t.batchSize(),
            t.steps(),
            t.gWidth(),
            t.dWidth(),
            t.residualBlocks(),
            t.adversarialWeight(),
            t.contentLoss(),
            t.contentOnlySteps(),
            emaDecay);
    SrTrialSpec spec = SmoothImages.spec(tmp, tmp.resolve(name), 16, hp);
    SrTraining.run(
        spec,
        SrProbe.split(SmoothImages.dataset(8, 16, 4), new ProbeSpec(1, 2)),
        new TrainingListener() {},
        SrTraining.Extras.NONE,
        new StopSignal());
    return Checkpoint.dir(tmp.resolve(name));
  }

  @Test
  void theExportedGeneratorIsTheWeightAverageAndOffExportsTheTrainedOne() throws Exception {
    SrHyperparams hp = SmoothImages.tiny(1);
    Path off = train("off", 0);
    Path on = train("on", 0.999);
    // The freshly initialised G of the same seed, drawn the way the run draws it.
    Engine.getEngine("PyTorch").setRandomSeed(7);
    float[] initial = SrWeights.of(null, null, hp, 4);

    float[] trained = SrWeights.of(off, Checkpoint.GENERATOR, hp, 4);
    assertFalse(Files.exists(off.resolve(Checkpoint.GENERATOR_RAW + "-0000.params")));
    assertFalse(descriptor(off).path("generator_is_weight_average").asBoolean());

    // The average does not steer training: the trained G is the same with or without it.
    assertArrayEquals(trained, SrWeights.of(on, Checkpoint.GENERATOR_RAW, hp, 4), 1e-6f);
    assertTrue(descriptor(on).path("generator_is_weight_average").asBoolean());
    // One update folded in with the warm-up decay min(0.999, (1 + 0) / (10 + 0)) = 0.1.
    float[] exported = SrWeights.of(on, Checkpoint.GENERATOR, hp, 4);
    float[] expected = new float[initial.length];
    double moved = 0;
    for (int i = 0; i < initial.length; i++) {
      expected[i] = 0.1f * initial[i] + 0.9f * trained[i];
      moved = Math.max(moved, Math.abs(trained[i] - initial[i]));
    }
    assertTrue(moved > 1e-4, "training did not move G: " + moved);
    assertArrayEquals(expected, exported, 1e-6f);
  }

  private static JsonNode descriptor(Path dir) throws Exception {
    return new ObjectMapper().readTree(dir.resolve(Checkpoint.DESCRIPTOR).toFile());
  }
}
