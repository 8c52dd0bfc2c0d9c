package dev.atelier.trainers.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.trainers.spec.AugmentSpec;
import dev.atelier.trainers.spec.AugmentSpec.DiffAug;
import dev.atelier.trainers.spec.BadSpecException;
import dev.atelier.trainers.spec.CheckpointSpec;
import dev.atelier.trainers.spec.DatasetSpec;
import dev.atelier.trainers.spec.Hyperparams;
import dev.atelier.trainers.spec.LossKind;
import dev.atelier.trainers.spec.ModelKind;
import dev.atelier.trainers.spec.ProbeSpec;
import dev.atelier.trainers.spec.TrialSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny stylegan2 (widths 8, w of 8, a 2-layer mapping network) with StyleGAN2's objective
 * (non-saturating loss, lazy R1, style mixing) learns generated data in seconds, writes its
 * style-mixing sheet, and resumes exactly.
 */
class StyleGan2TrainingTest {
  @TempDir Path tmp;

  static TrialSpec spec(Path data, Path out, int steps, int sampleEvery) {
    Hyperparams hp =
        new Hyperparams(0.0025, 0.0, 8, 16, steps, 8, 8)
            .with(LossKind.BCE, 10, 0.01, 0)
            .withBetas(0, 0.99)
            .withStyleGan2(8, 2, 0.9, 4);
    return TrialSpec.builder(
            "test/stylegan2", ModelKind.STYLEGAN2, new DatasetSpec(data, 32, 0xffffff), hp, out)
        .seed(7)
        .probe(new ProbeSpec(1234, 64, 0.7))
        .sampleEvery(sampleEvery)
        .threads(OptionalInt.of(1))
        .build();
  }

  private static double[] meanColour(byte[] png) throws Exception {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    double[] sum = new double[3];
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        sum[0] += (rgb >> 16) & 0xff;
        sum[1] += (rgb >> 8) & 0xff;
        sum[2] += rgb & 0xff;
      }
    }
    int n = img.getWidth() * img.getHeight();
    return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
  }

  private static double distanceToRed(double[] rgb) {
    return Math.sqrt(
        Math.pow(rgb[0] - 230, 2) + Math.pow(rgb[1] - 40, 2) + Math.pow(rgb[2] - 40, 2));
  }

  @Test
  void aTinyStyleGan2MovesItsSamplesToTheDataAndItsFdDown() throws Exception {
    List<Double> distances = new ArrayList<>();
    List<Double> fds = new ArrayList<>();
    List<byte[]> sheets = new ArrayList<>();
    TrainingListener probe =
        new TrainingListener() {
          @Override
          public void onSample(int step, byte[] png, SampleOutput out) {
            try {
              distances.add(distanceToRed(meanColour(png)));
              fds.add(out.metrics().get("fd_diag_rgb8"));
              sheets.add(out.artifacts().get(StyleMixingSheet.path(step)));
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          }
        };
    long start = System.nanoTime();
    TrainingResult r =
        GanTraining.run(
            spec(tmp, tmp.resolve("out"), 100, 20),
            TinyTrials.solid(TinyTrials.RED, 32),
            probe,
            new StopSignal());
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.println(
        "stylegan2 tiny: " + seconds + " s; distance to red " + distances + "; fd_diag " + fds);
    assertEquals(TrainingResult.Ending.COMPLETED, r.ending(), r.reason());
    assertTrue(
        distances.get(distances.size() - 1) < 40 && distances.get(0) > 80,
        "distance to the data colour " + distances);
    assertTrue(fds.get(fds.size() - 1) < fds.get(0) / 4, "fd_diag_rgb8 " + fds);
    // The sheet: an 8x8 grid of 32-pixel tiles, its first tile black, the rest drawn.
    BufferedImage sheet = ImageIO.read(new ByteArrayInputStream(sheets.get(sheets.size() - 1)));
    assertEquals(256, sheet.getWidth());
    assertEquals(0, sheet.getRGB(16, 16) & 0xffffff);
    assertTrue(distanceToRed(meanColourOf(sheet, 32, 32)) < 60, "a mixed tile is red too");
    Path ckpt = Checkpoint.dir(tmp.resolve("out"));
    String desc = Files.readString(ckpt.resolve("checkpoint.json"));
    assertTrue(desc.contains("\"model\" : \"stylegan2\""), desc);
    assertTrue(desc.contains("\"w_dim\" : 8"), desc);
    assertTrue(desc.contains("\"r1_interval\" : 4"), desc);
  }

  private static double[] meanColourOf(BufferedImage img, int ox, int oy) {
    double[] sum = new double[3];
    for (int y = oy; y < oy + 32; y++) {
      for (int x = ox; x < ox + 32; x++) {
        int rgb = img.getRGB(x, y);
        sum[0] += (rgb >> 16) & 0xff;
        sum[1] += (rgb >> 8) & 0xff;
        sum[2] += rgb & 0xff;
      }
    }
    return new double[] {sum[0] / 1024, sum[1] / 1024, sum[2] / 1024};
  }

  /**
   * Weight average, lazy R1 (every 2 steps, so both kinds of step on either side of the split),
   * style mixing and noise, w_avg, mirroring and DiffAugment on: every stateful part comes back.
   */
  @Test
  void aStoppedAndResumedStyleGan2MatchesTheUninterruptedOne() throws Exception {
    int steps = 6;
    java.util.function.Function<String, TrialSpec> spec =
        name -> {
          TrialSpec s = spec(tmp, tmp.resolve(name), steps, 100);
          return s.toBuilder()
              .hyperparams(
                  s.hyperparams().with(LossKind.BCE, 10, 0.2, 0.9).withStyleGan2(8, 2, 0.9, 2))
              .augment(new AugmentSpec(true, List.of(DiffAug.COLOR, DiffAug.TRANSLATION)))
              .checkpoints(new CheckpointSpec(3, 3, "fd_diag_rgb8"))
              .build();
        };
    Map<Integer, StepMetrics> whole = ResumeTest.run(spec.apply("whole"), -1, new ArrayList<>());
    List<Integer> order = new ArrayList<>();
    ResumeTest.run(spec.apply("split"), steps / 2, order);
    Map<Integer, StepMetrics> resumed = ResumeTest.run(spec.apply("split"), -1, order);
    assertEquals(IntStream.rangeClosed(1, steps).boxed().toList(), order);
    for (int step = steps / 2 + 1; step <= steps; step++) {
      ResumeTest.assertSameTraining(whole.get(step), resumed.get(step), step);
      assertEquals(
          whole.get(step).asMap().get("loss_d"), resumed.get(step).asMap().get("loss_d"), 0.0);
    }
  }

  /**
   * With path-length regularisation on (every 2 steps from the first, as the reference and lazy R1
   * count, so penalised steps on both sides of the split at 3): loss_pl and pl_mean are logged at
   * steps 1, 3 and 5 only, the running mean grows from 0 towards the path lengths, the checkpoint
   * carries it, and the resumed run's penalty and running mean are the uninterrupted run's exactly
   * (a lost pl_mean would restart from 0).
   */
  @Test
  void pathLengthRegularisationIsLoggedCheckpointedAndResumedExactly() throws Exception {
    int steps = 6;
    java.util.function.Function<String, TrialSpec> spec =
        name -> {
          TrialSpec s = spec(tmp, tmp.resolve(name), steps, 100);
          return s.toBuilder()
              .hyperparams(s.hyperparams().withPathLength(2, 2))
              .checkpoints(new CheckpointSpec(3, 3, "fd_diag_rgb8"))
              .build();
        };
    Map<Integer, StepMetrics> whole = ResumeTest.run(spec.apply("whole"), -1, new ArrayList<>());
    for (int step = 1; step <= steps; step++) {
      Map<String, Double> m = whole.get(step).asMap();
      boolean penalised = step % 2 == 1;
      assertEquals(penalised, m.containsKey("loss_pl"), "loss_pl at step " + step + ": " + m);
      assertEquals(penalised, m.containsKey("pl_mean"), "pl_mean at step " + step);
    }
    double a1 = whole.get(1).asMap().get("pl_mean");
    double a3 = whole.get(3).asMap().get("pl_mean");
    double a5 = whole.get(5).asMap().get("pl_mean");
    assertTrue(a1 > 0 && a3 > a1 && a5 > a3, "the running mean grows from 0: " + a1 + ", " + a3);
    assertTrue(whole.get(1).asMap().get("loss_pl") > 0, whole.get(1).asMap().toString());
    String desc = Files.readString(Checkpoint.dir(tmp.resolve("whole")).resolve("checkpoint.json"));
    assertTrue(desc.contains("\"pl_weight\" : 2.0"), desc);
    assertTrue(desc.contains("\"pl_interval\" : 2"), desc);
    assertTrue(desc.contains("\"pl_mean\" : " + (float) a5), desc);

    List<Integer> order = new ArrayList<>();
    ResumeTest.run(spec.apply("split"), steps / 2, order);
    Map<Integer, StepMetrics> resumed = ResumeTest.run(spec.apply("split"), -1, order);
    assertEquals(IntStream.rangeClosed(1, steps).boxed().toList(), order);
    for (int step = steps / 2 + 1; step <= steps; step++) {
      ResumeTest.assertSameTraining(whole.get(step), resumed.get(step), step);
    }
    for (String k : List.of("loss_pl", "pl_mean", "loss_g")) {
      assertEquals(whole.get(5).asMap().get(k), resumed.get(5).asMap().get(k), 0.0, k);
    }
  }

  /**
   * init_from a stylegan2 checkpoint: its w_dim and mapping_layers must match, and then it runs.
   */
  @Test
  void initFromAStyleGan2CheckpointChecksItsShapeAndContinues() throws Exception {
    var data = TinyTrials.solid(TinyTrials.RED, 32);
    GanTraining.run(
        spec(tmp, tmp.resolve("donor"), 3, 3), data, new TrainingListener() {}, new StopSignal());
    Path from = Checkpoint.dir(tmp.resolve("donor"));
    TrialSpec other =
        spec(tmp, tmp.resolve("other"), 6, 3).toBuilder()
            .hyperparams(spec(tmp, tmp, 6, 3).hyperparams().withStyleGan2(16, 3, 0.9, 4))
            .initFrom(from)
            .build();
    BadSpecException e = assertThrows(BadSpecException.class, () -> InitFrom.step(other, data));
    assertEquals(
        List.of(
            "init_from: the checkpoint's hyperparams.w_dim is 8, this spec's is 16: the"
                + " architecture must match to start from it",
            "init_from: the checkpoint's hyperparams.mapping_layers is 2, this spec's is 3: the"
                + " architecture must match to start from it"),
        e.violations());
    TrialSpec same = spec(tmp, tmp.resolve("same"), 6, 3).toBuilder().initFrom(from).build();
    assertEquals(java.util.OptionalInt.of(3), InitFrom.step(same, data));
    TrainingResult r = GanTraining.run(same, data, new TrainingListener() {}, new StopSignal());
    assertEquals(TrainingResult.Ending.COMPLETED, r.ending(), r.reason());
    assertEquals(6, r.lastStep());
  }
}
