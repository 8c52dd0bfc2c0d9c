package dev.atelier.trainers.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.trainers.spec.DatasetSpec;
import dev.atelier.trainers.spec.Hyperparams;
import dev.atelier.trainers.spec.ModelKind;
import dev.atelier.trainers.spec.ProbeSpec;
import dev.atelier.trainers.spec.ProgressiveSpec;
import dev.atelier.trainers.spec.TrialSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * progan on 32x32 solid red images, growing 8 -> 16 -> 32 with batch 16, 2 steps of stabilising and
 * 4 of fading per phase (see {@link GrowthScheduleTest} for the table).
 */
class ProGanTrainingTest {
  @TempDir Path tmp;

  private TrialSpec spec(Path out, int steps) {
    return TrialSpec.builder(
            "test/progan",
            ModelKind.PROGAN,
            new DatasetSpec(tmp, 32, 0xffffff),
            new Hyperparams(0.002, 0.5, 8, 16, steps, 8, 8),
            out)
        .seed(7)
        .probe(new ProbeSpec(1234, 64))
        .sampleEvery(2)
        .threads(OptionalInt.of(1))
        .progressive(new ProgressiveSpec(8, 64, 32))
        .hyperparams(
            new Hyperparams(0.002, 0.5, 8, 16, steps, 8, 8)
                .with(dev.atelier.trainers.spec.LossKind.BCE, 10, 0, 0))
        .build();
  }

  /** Per logged step: resolution, alpha and the losses; per sample step: the grid. */
  private static final class Record implements TrainingListener {
    final Map<Integer, String> stages = new LinkedHashMap<>();
    final Map<Integer, Double> losses = new LinkedHashMap<>();
    final Map<Integer, byte[]> grids = new LinkedHashMap<>();

    @Override
    public void onStep(int step, StepMetrics m) {
      Map<String, Double> all = m.asMap();
      stages.put(step, all.get("resolution").intValue() + "@" + all.get("alpha"));
      losses.put(step, m.lossD() + 1000 * m.lossG());
    }

    @Override
    public void onSample(int step, byte[] png, SampleOutput out) {
      grids.put(step, png);
    }
  }

  private static BufferedImage image(byte[] png) throws Exception {
    return ImageIO.read(new ByteArrayInputStream(png));
  }

  /** Whether every block x block square of the image is one colour (a doubled low resolution). */
  private static boolean blocky(BufferedImage img, int block) {
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if (img.getRGB(x, y) != img.getRGB(x - x % block, y - y % block)) {
          return false;
        }
      }
    }
    return true;
  }

  private static double distanceToRed(BufferedImage img) {
    double[] sum = new double[3];
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        sum[0] += (rgb >> 16) & 0xff;
        sum[1] += (rgb >> 8) & 0xff;
        sum[2] += rgb & 0xff;
      }
    }
    double n = img.getWidth() * img.getHeight();
    return Math.sqrt(
        Math.pow(sum[0] / n - 230, 2)
            + Math.pow(sum[1] / n - 40, 2)
            + Math.pow(sum[2] / n - 40, 2));
  }

  @Test
  void itGrowsOnScheduleDrawsGridsAtEachResolutionAndLearnsTheColour() throws Exception {
    Record rec = new Record();
    TrainingResult r =
        GanTraining.run(
            spec(tmp.resolve("out"), 40),
            TinyTrials.solid(TinyTrials.RED, 32),
            rec,
            new StopSignal());
    assertEquals(TrainingResult.Ending.COMPLETED, r.ending(), r.reason());
    // Logged step s is the step with index s - 1 in GrowthScheduleTest's table.
    assertEquals(
        List.of(
            "8@1.0", "8@1.0", "16@0.0", "16@0.25", "16@0.5", "16@0.75", "16@1.0", "16@1.0",
            "32@0.0", "32@0.25", "32@0.5", "32@0.75", "32@1.0"),
        new ArrayList<>(rec.stages.values()).subList(0, 13));
    assertEquals("32@1.0", rec.stages.get(40));
    // Every grid is 8 x 32 pixels a side; one drawn at 8x8 is made of 4x4 blocks, at 16x16 of
    // 2x2 blocks (after the fade), at 32x32 of neither.
    for (byte[] png : rec.grids.values()) {
      assertEquals(256, image(png).getWidth());
    }
    assertTrue(blocky(image(rec.grids.get(2)), 4), "step 2 drawn at 8x8");
    assertTrue(blocky(image(rec.grids.get(8)), 2), "step 8 drawn at 16x16");
    assertTrue(!blocky(image(rec.grids.get(8)), 4), "step 8 not at 8x8");
    assertTrue(!blocky(image(rec.grids.get(40)), 2), "step 40 drawn at 32x32");
    double before = distanceToRed(image(rec.grids.get(2)));
    double after = distanceToRed(image(rec.grids.get(40)));
    assertTrue(after < before / 2 && after < 60, "distance to red " + before + " -> " + after);
  }

  @Test
  void aRunResumedMidFadeContinuesWithTheSameAlphaAndLosses() throws Exception {
    Record straight = new Record();
    GanTraining.run(
        spec(tmp.resolve("a"), 8),
        TinyTrials.solid(TinyTrials.RED, 32),
        straight,
        new StopSignal());

    Record resumed = new Record();
    Path out = tmp.resolve("b");
    GanTraining.run(spec(out, 4), TinyTrials.solid(TinyTrials.RED, 32), resumed, new StopSignal());
    JsonNode desc =
        new ObjectMapper()
            .readTree(Checkpoint.dir(out).resolve(Checkpoint.DESCRIPTOR).toFile())
            .get("progressive");
    assertEquals(16, desc.get("resolution").asInt());
    assertEquals(0.25, desc.get("alpha").asDouble());
    GanTraining.run(spec(out, 8), TinyTrials.solid(TinyTrials.RED, 32), resumed, new StopSignal());

    assertEquals(straight.stages, resumed.stages);
    assertEquals("16@0.5", resumed.stages.get(5));
    for (int step = 1; step <= 8; step++) {
      double a = straight.losses.get(step);
      assertEquals(a, resumed.losses.get(step), 1e-4 * Math.abs(a), "step " + step);
    }
  }
}
