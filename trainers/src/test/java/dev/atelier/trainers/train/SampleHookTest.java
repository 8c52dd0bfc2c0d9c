package dev.atelier.trainers.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.trainers.image.SampleGrid;
import dev.atelier.trainers.spec.LossKind;
import dev.atelier.trainers.spec.TrialSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleHookTest {
  @TempDir Path tmp;

  @Test
  void aHookGetsTheExportedGeneratorAndTheDataAndItsOutputIsReported() throws Exception {
    TrialSpec spec = TinyTrials.spec(tmp, tmp.resolve("out"), 6, 3);
    spec = spec.toBuilder().hyperparams(spec.hyperparams().with(LossKind.BCE, 10, 0, 0.9)).build();
    List<Integer> hookSteps = new ArrayList<>();
    List<byte[]> hookGrids = new ArrayList<>();
    SampleHook hook =
        c -> {
          hookSteps.add(c.step());
          ImageGenerator g = c.generator();
          assertEquals(8, g.latentDim());
          assertEquals(32, g.imageSize());
          assertEquals(16, c.data().count());
          // 300 images: more than one forward pass of the generator.
          float[] images = g.generate(ProbeLatents.draw(c.spec().probe().seed(), 300, 8), 300);
          assertEquals(300 * 3 * 32 * 32, images.length);
          for (float v : images) {
            assertTrue(v >= -1 && v <= 1, "value " + v);
          }
          hookGrids.add(SampleGrid.png(images, 64, 32));
          return new SampleOutput(
              Map.of("mean_pixel", (double) images[0]),
              Map.of(
                  "quality/step.json",
                  ("{\"step\":" + c.step() + "}").getBytes(StandardCharsets.UTF_8)));
        };
    List<Integer> sampleSteps = new ArrayList<>();
    List<byte[]> grids = new ArrayList<>();
    List<SampleOutput> outputs = new ArrayList<>();
    TrainingListener record =
        new TrainingListener() {
          @Override
          public void onSample(int step, byte[] grid, SampleOutput out) {
            sampleSteps.add(step);
            grids.add(grid);
            outputs.add(out);
          }
        };
    TrainingResult r =
        GanTraining.run(spec, TinyTrials.solid(TinyTrials.RED, 16), record, new StopSignal(), hook);
    assertEquals(List.of(3, 6), hookSteps);
    assertEquals(List.of(3, 6), sampleSteps);
    // The hook's first 64 images from the probe latents are the probe grid: same generator.
    assertArrayEquals(grids.get(1), hookGrids.get(1));
    SampleOutput last = outputs.get(1);
    // The hooks' metrics, beside the step means every evaluation carries.
    assertEquals(
        java.util.Set.of(
            "fd_diag_rgb8",
            "mean_pixel",
            "loss_g_avg",
            "loss_d_avg",
            "d_real_avg",
            "d_fake_avg",
            "d_accuracy_avg",
            "sample_seconds"),
        last.metrics().keySet());
    assertEquals(
        "{\"step\":6}",
        new String(last.artifacts().get("quality/step.json"), StandardCharsets.UTF_8));
    assertTrue(r.metrics().containsKey("mean_pixel"));
  }

  @Test
  void artifactPathsMustStayInsideTheRunAndNamesMustNotClash() {
    for (String bad : List.of("/etc/x.png", "../x.png", "a/../../x.png", "a\\b.png", "")) {
      assertThrows(
          IllegalArgumentException.class,
          () -> new SampleOutput(Map.of(), Map.of(bad, new byte[0])),
          bad);
    }
    SampleOutput a = SampleOutput.metrics(Map.of("kid", 1.0));
    assertThrows(IllegalStateException.class, () -> a.plus(a));
  }
}
