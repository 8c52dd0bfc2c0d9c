package dev.atelier.trainers.sr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.atelier.trainers.quality.InputRange;
import dev.atelier.trainers.spec.FeatureLossSpec;
import dev.atelier.trainers.spec.ProbeSpec;
import dev.atelier.trainers.spec.SrTrialSpec;
import dev.atelier.trainers.train.StopSignal;
import dev.atelier.trainers.train.TrainingResult;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feature-space content term, with the quality tests' tiny TorchScript network as judge. */
class FeatureContentTest {
  private static final Path NET = Path.of("src/test/resources/quality/tiny_features.pt");

  @TempDir Path tmp;

  @Test
  void gradientReachesTheSrImageButNotTheJudge() throws Exception {
    try (FeatureContent f =
            FeatureContent.load(new FeatureLossSpec(NET.toAbsolutePath(), 1, InputRange.IMAGENET));
        NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      float[] before = f.block().getParameters().get(0).getValue().getArray().toFloatArray();
      NDArray hr = m.randomUniform(-1, 1, new Shape(2, 3, 16, 16));
      NDArray sr = hr.add(m.randomNormal(0, 0.3f, new Shape(2, 3, 16, 16), hr.getDataType()));
      sr.setRequiresGradient(true);
      assertEquals(0, f.loss(hr, hr).getFloat(), 1e-12);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray loss = f.loss(sr, hr);
        assertTrue(loss.getFloat() > 0);
        gc.backward(loss);
      }
      assertTrue(sr.getGradient().abs().sum().getFloat() > 0);
      assertArrayEquals(
          before, f.block().getParameters().get(0).getValue().getArray().toFloatArray(), 0f);
    }
  }

  @Test
  void aTrialWithAFeatureLossLogsItsParts() throws Exception {
    SrTrialSpec plain = SmoothImages.spec(tmp, tmp.resolve("out"), 16, SmoothImages.tiny(3));
    SrTrialSpec spec =
        new SrTrialSpec(
            plain.trialId(),
            plain.dataset(),
            plain.hyperparams(),
            plain.seed(),
            plain.probe(),
            plain.sampleEvery(),
            plain.threads(),
            plain.outputDir(),
            plain.mlflow(),
            plain.mirror(),
            plain.checkpointEvery(),
            plain.keepLast(),
            Optional.of(new FeatureLossSpec(NET.toAbsolutePath(), 10, InputRange.ZERO_ONE)));
    Map<String, Double> last = new HashMap<>();
    TrainingResult r =
        SrTraining.run(
            spec,
            SrProbe.split(SmoothImages.dataset(8, 16, 2), new ProbeSpec(1, 2)),
            new dev.atelier.trainers.train.TrainingListener() {},
            (step, metrics) -> last.putAll(metrics),
            new StopSignal());
    assertEquals(TrainingResult.Ending.COMPLETED, r.ending(), r.reason());
    double pixel = last.get("loss_pixel");
    double features = last.get("loss_features");
    assertTrue(features > 0, last.toString());
    assertEquals(pixel + 10 * features, last.get("loss_content"), 1e-5, last.toString());
  }
}
