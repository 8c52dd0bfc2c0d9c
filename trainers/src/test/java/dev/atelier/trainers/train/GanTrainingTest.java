package dev.atelier.trainers.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.image.SampleGrid;
import dev.atelier.trainers.model.Dcgan;
import dev.atelier.trainers.spec.AugmentSpec;
import dev.atelier.trainers.spec.AugmentSpec.DiffAug;
import dev.atelier.trainers.spec.DatasetSpec;
import dev.atelier.trainers.spec.DivergenceSpec;
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
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GanTrainingTest {
  /** The data's colour, (230, 40, 40), in the model's [-1, 1] range. */
  private static final float[] RED = {230 / 127.5f - 1, 40 / 127.5f - 1, 40 / 127.5f - 1};

  @TempDir Path tmp;

  private static ImageDataset solid(float[] rgb, int count) {
    int size = 32;
    int plane = size * size;
    float[] px = new float[count * 3 * plane];
    for (int k = 0; k < count; k++) {
      for (int c = 0; c < 3; c++) {
        Arrays.fill(px, (k * 3 + c) * plane, (k * 3 + c + 1) * plane, rgb[c]);
      }
    }
    return new ImageDataset(px, count, size, 0);
  }

  private TrialSpec tiny(int steps, int sampleEvery) {
    return TrialSpec.builder(
            "test/tiny",
            ModelKind.DCGAN32,
            new DatasetSpec(tmp, 32, 0xffffff),
            new Hyperparams(0.002, 0.5, 8, 16, steps, 8, 8),
            tmp.resolve("out"))
        .seed(7)
        .probe(new ProbeSpec(1234, 64))
        .sampleEvery(sampleEvery)
        .threads(OptionalInt.of(1))
        .build();
  }

  /** Mean RGB of a grid PNG, in 0..255. */
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
  void theGeneratorsColourMovesTowardsTheData() throws Exception {
    List<double[]> colours = new ArrayList<>();
    List<Double> fds = new ArrayList<>();
    List<Integer> steps = new ArrayList<>();
    TrainingListener probe =
        new TrainingListener() {
          @Override
          public void onStep(int step, StepMetrics m) {
            steps.add(step);
          }

          @Override
          public void onSample(int step, byte[] png, SampleOutput out) {
            try {
              colours.add(meanColour(png));
              fds.add(out.metrics().get("fd_diag_rgb8"));
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          }
        };
    TrainingResult r = GanTraining.run(tiny(60, 2), solid(RED, 32), probe, new StopSignal());

    assertEquals(TrainingResult.Ending.COMPLETED, r.ending());
    assertEquals(60, steps.size());
    assertEquals(60, steps.get(59));
    assertEquals(30, colours.size());
    double before = distanceToRed(colours.get(0));
    double after = distanceToRed(colours.get(colours.size() - 1));
    assertTrue(
        after < before / 2, "distance to the data colour went from " + before + " to " + after);
    assertTrue(fds.get(fds.size() - 1) < fds.get(0), "fd_diag_rgb8 " + fds);
    Path ckpt = Checkpoint.dir(tmp.resolve("out"));
    assertTrue(Files.isRegularFile(ckpt.resolve("generator-0000.params")));
    assertTrue(Files.isRegularFile(ckpt.resolve("discriminator-0000.params")));
    assertTrue(Files.readString(ckpt.resolve("checkpoint.json")).contains("\"step\" : 60"));
  }

  /** Every loss trains: after 60 steps the samples are much closer to the data's colour. */
  @ParameterizedTest
  @CsvSource({"HINGE, 0, false", "WGAN_GP, 0, false", "BCE, 1, false", "BCE, 0, true"})
  void everyLossMovesTheSamplesTowardsTheData(LossKind loss, double r1Gamma, boolean augment)
      throws Exception {
    List<byte[]> grids = new ArrayList<>();
    TrainingListener probe =
        new TrainingListener() {
          @Override
          public void onSample(int step, byte[] png, SampleOutput out) {
            grids.add(png);
          }
        };
    TrialSpec spec = tiny(60, 30);
    spec = spec.toBuilder().hyperparams(spec.hyperparams().with(loss, 10, r1Gamma, 0)).build();
    if (augment) {
      spec =
          spec.toBuilder()
              .augment(
                  new AugmentSpec(
                      true, List.of(DiffAug.COLOR, DiffAug.TRANSLATION, DiffAug.CUTOUT)))
              .build();
    }
    TrainingResult r = GanTraining.run(spec, solid(RED, 32), probe, new StopSignal());
    assertEquals(TrainingResult.Ending.COMPLETED, r.ending(), r.reason());
    // An untrained generator draws mid-grey, 160 away from the data's red.
    double after = distanceToRed(meanColour(grids.get(grids.size() - 1)));
    assertTrue(after < 80, loss + ": distance to the data colour " + after);
  }

  /** The grid a person looks at is drawn by the generator the checkpoint exports. */
  @Test
  void theExportedGeneratorIsTheWeightAverageThatDrewTheLastGrid() throws Exception {
    List<byte[]> grids = new ArrayList<>();
    TrainingListener probe =
        new TrainingListener() {
          @Override
          public void onSample(int step, byte[] png, SampleOutput out) {
            grids.add(png);
          }
        };
    TrialSpec spec = tiny(10, 10);
    spec = spec.toBuilder().hyperparams(spec.hyperparams().with(LossKind.BCE, 10, 0, 0.9)).build();
    GanTraining.run(spec, solid(RED, 16), probe, new StopSignal());
    Path ckpt = Checkpoint.dir(tmp.resolve("out"));
    byte[] exported = grid(spec, ckpt, Checkpoint.GENERATOR);
    byte[] raw = grid(spec, ckpt, Checkpoint.GENERATOR_RAW);
    assertArrayEquals(grids.get(grids.size() - 1), exported);
    assertFalse(Arrays.equals(exported, raw), "the raw generator draws something else");
    assertTrue(
        Files.readString(ckpt.resolve("checkpoint.json"))
            .contains("\"generator_is_weight_average\" : true"));
  }

  /** Loads a generator the way the README tells a user to, and draws the probe grid. */
  private static byte[] grid(TrialSpec spec, Path dir, String name) throws Exception {
    Hyperparams hp = spec.hyperparams();
    try (Model m = Model.newInstance(name, Device.cpu(), "PyTorch");
        NDManager sm = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      m.setBlock(Dcgan.generator(spec.model(), hp.latentDim(), hp.gWidth()));
      m.load(dir, name);
      int count = spec.probe().count();
      NDArray z =
          sm.create(
              ProbeLatents.draw(spec.probe().seed(), count, hp.latentDim()),
              new Shape(count, hp.latentDim()));
      float[] images =
          m.getBlock()
              .forward(new ParameterStore(sm, false), new NDList(z), false)
              .singletonOrThrow()
              .toFloatArray();
      return SampleGrid.png(images, count, spec.dataset().imageSize());
    }
  }

  @Test
  void everyStepReportsLossesDiscriminatorOutputsGradientNormsAndRates() throws Exception {
    List<StepMetrics> seen = new ArrayList<>();
    TrainingListener record =
        new TrainingListener() {
          @Override
          public void onStep(int step, StepMetrics m) {
            seen.add(m);
          }
        };
    TrialSpec spec = tiny(12, 100);
    spec = spec.toBuilder().hyperparams(spec.hyperparams().withLearningRates(0.001, 0.003)).build();
    TrainingResult r = GanTraining.run(spec, solid(RED, 16), record, new StopSignal());
    assertEquals(12, seen.size());
    double gap = 0;
    for (StepMetrics m : seen) {
      m.asMap().forEach((k, v) -> assertTrue(Double.isFinite(v), k + " = " + v));
      assertEquals(0.001, m.lrG(), 1e-12);
      assertEquals(0.003, m.lrD(), 1e-12);
      assertTrue(m.gradNormG() > 0 && m.gradNormD() > 0, m.toString());
      gap += m.dReal() - m.dFake();
    }
    assertTrue(gap > 0, "D scores real images above fakes on average: " + gap);
    assertEquals(
        List.of(
            "loss_g",
            "loss_d",
            "d_real",
            "d_fake",
            "grad_norm_g",
            "grad_norm_d",
            "lr_g",
            "lr_d",
            "images_per_sec"),
        List.copyOf(seen.get(0).asMap().keySet()));
    assertTrue(r.metrics().keySet().containsAll(seen.get(0).asMap().keySet()));
  }

  @Test
  void aStopRequestCheckpointsAndASecondRunResumesFromThere() throws Exception {
    StopSignal stop = new StopSignal();
    TrainingListener stopAtFive =
        new TrainingListener() {
          @Override
          public void onStep(int step, StepMetrics m) {
            if (step == 5) {
              stop.request();
            }
          }
        };
    TrainingResult first = GanTraining.run(tiny(8, 100), solid(RED, 16), stopAtFive, stop);
    assertEquals(TrainingResult.Ending.INTERRUPTED, first.ending());
    assertEquals(5, first.lastStep());
    assertEquals(5, Checkpoint.resumableStep(Checkpoint.dir(tmp.resolve("out")), tiny(8, 100)));

    List<Integer> steps = new ArrayList<>();
    TrainingListener record =
        new TrainingListener() {
          @Override
          public void onStep(int step, StepMetrics m) {
            steps.add(step);
          }
        };
    TrainingResult second = GanTraining.run(tiny(8, 100), solid(RED, 16), record, new StopSignal());
    assertEquals(TrainingResult.Ending.COMPLETED, second.ending());
    assertEquals(List.of(6, 7, 8), steps);
  }

  /** A learning rate of 1000 wrecks either network; the trial must say which loss, and when. */
  @Test
  void aBrokenLearningRateEndsTheRunAsDivergedNamingTheLossAndTheStep() throws Exception {
    List<Integer> steps = new ArrayList<>();
    TrainingListener record =
        new TrainingListener() {
          @Override
          public void onStep(int step, StepMetrics m) {
            steps.add(step);
          }
        };
    TrialSpec spec = tiny(300, 1000).toBuilder().divergence(new DivergenceSpec(1e-4, 5)).build();
    spec = spec.toBuilder().hyperparams(spec.hyperparams().withLearningRates(1e3, 1e3)).build();
    TrainingResult r = GanTraining.run(spec, solid(RED, 16), record, new StopSignal());
    assertEquals(TrainingResult.Ending.DIVERGED, r.ending(), r.reason());
    assertTrue(
        r.reason()
            .matches(
                "loss_[dg] (was (NaN|[+-]Inf) at step \\d+|stayed below 0.0001 for 5 consecutive"
                    + " steps \\(steps \\d+ to \\d+\\).*)"),
        r.reason());
    assertTrue(r.lastStep() < 300);
    assertEquals(r.lastStep(), steps.isEmpty() ? 0 : steps.get(steps.size() - 1));
  }

  @Test
  void aFirstBatchOutsideTheModelsRangeOrLayoutStopsTheTrialSayingWhy() {
    // 0..255 pixels, as a loader that forgot to scale would give.
    ImageDataset bytes = solid(new float[] {230, 40, 40}, 16);
    InputLayoutException e =
        assertThrows(
            InputLayoutException.class,
            () ->
                GanTraining.run(tiny(5, 100), bytes, new TrainingListener() {}, new StopSignal()));
    assertEquals(
        "the real batch's values span [40.0000, 230.000]; the models take [-1, 1] (x / 127.5 - 1)",
        e.getMessage());
    float nan = Float.NaN;
    assertEquals(
        "the real batch holds NaN values; images must be finite",
        assertThrows(
                InputLayoutException.class,
                () ->
                    GanTraining.run(
                        tiny(5, 100),
                        solid(new float[] {nan, nan, nan}, 16),
                        new TrainingListener() {},
                        new StopSignal()))
            .getMessage());
    // Images loaded at 32 pixels for a 64-pixel model.
    TrialSpec wrongSize =
        TrialSpec.builder(
                "test/tiny",
                ModelKind.DCGAN64,
                new DatasetSpec(tmp, 64, 0xffffff),
                tiny(5, 100).hyperparams(),
                tmp.resolve("out"))
            .seed(7)
            .probe(new ProbeSpec(1234, 64))
            .sampleEvery(100)
            .threads(OptionalInt.of(1))
            .build();
    assertEquals(
        "the real batch has shape (16, 3, 32, 32); the models take NCHW RGB (16, 3, 64, 64)"
            + " (batch, channels, height, width)",
        assertThrows(
                InputLayoutException.class,
                () ->
                    GanTraining.run(
                        wrongSize, solid(RED, 16), new TrainingListener() {}, new StopSignal()))
            .getMessage());
  }
}
