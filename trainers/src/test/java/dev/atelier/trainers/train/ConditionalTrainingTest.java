package dev.atelier.trainers.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.spec.DatasetSpec;
import dev.atelier.trainers.spec.Hyperparams;
import dev.atelier.trainers.spec.LossKind;
import dev.atelier.trainers.spec.ModelKind;
import dev.atelier.trainers.spec.ProbeSpec;
import dev.atelier.trainers.spec.TrialSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A conditional DCGAN on two classes of solid images, blue (label 0) and red (label 1): the class
 * grid's row of each class takes that class's colour.
 */
class ConditionalTrainingTest {
  private static final int[] BLUE = {40, 60, 220};
  private static final int[] RED = {230, 40, 40};

  @TempDir Path tmp;

  /** {@code perClass} images of each colour, class i = colours[i], in [-1, 1]. */
  static ImageDataset twoColours(int perClass) {
    int size = 32;
    int plane = size * size;
    int[][] colours = {BLUE, RED};
    int count = 2 * perClass;
    float[] px = new float[count * 3 * plane];
    int[] labels = new int[count];
    for (int k = 0; k < count; k++) {
      labels[k] = k % 2;
      for (int c = 0; c < 3; c++) {
        Arrays.fill(
            px, (k * 3 + c) * plane, (k * 3 + c + 1) * plane, colours[k % 2][c] / 127.5f - 1);
      }
    }
    return new ImageDataset(px, count, size, 0, labels, List.of("blue", "red"));
  }

  private TrialSpec spec(int steps, LossKind loss) {
    TrialSpec s =
        TrialSpec.builder(
                "test/conditional",
                ModelKind.CDCGAN32,
                new DatasetSpec(tmp, 32, 0xffffff),
                new Hyperparams(0.002, 0.5, 8, 16, steps, 8, 8),
                tmp.resolve("out"))
            .seed(7)
            .probe(new ProbeSpec(1234, 64))
            .sampleEvery(steps / 2)
            .threads(OptionalInt.of(1))
            .build();
    return s.toBuilder().hyperparams(s.hyperparams().with(loss, 10, 0, 0.99)).build();
  }

  /** Mean RGB (0..255) of the 8 tiles of grid row {@code row}. */
  static double[] rowColour(byte[] png, int row) throws Exception {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    int tile = img.getHeight() / 8;
    double[] sum = new double[3];
    for (int y = row * tile; y < (row + 1) * tile; y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        sum[0] += (rgb >> 16) & 0xff;
        sum[1] += (rgb >> 8) & 0xff;
        sum[2] += rgb & 0xff;
      }
    }
    int n = tile * img.getWidth();
    return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
  }

  private static double distance(double[] a, int[] b) {
    return Math.sqrt(
        Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
  }

  private List<byte[]> train(TrialSpec spec) throws Exception {
    List<byte[]> grids = new ArrayList<>();
    TrainingListener l =
        new TrainingListener() {
          @Override
          public void onSample(int step, byte[] png, SampleOutput out) {
            grids.add(png);
          }
        };
    TrainingResult r = GanTraining.run(spec, twoColours(16), l, new StopSignal());
    assertEquals(TrainingResult.Ending.COMPLETED, r.ending(), r.reason());
    return grids;
  }

  /**
   * Each class row moves to its own colour: at the end row 0 is near blue and row 1 near red, each
   * nearer its own class's colour than the other's by a wide margin; rows past the classes are
   * black. Every loss trains, WGAN-GP with its penalty taken on the image channels only.
   */
  @ParameterizedTest
  @EnumSource(LossKind.class)
  void eachClassRowTakesItsClasssColour(LossKind loss) throws Exception {
    List<byte[]> grids = train(spec(80, loss));
    byte[] last = grids.get(grids.size() - 1);
    double[] blueRow = rowColour(last, 0);
    double[] redRow = rowColour(last, 1);
    String seen =
        loss + ": blue row " + Arrays.toString(blueRow) + ", red row " + Arrays.toString(redRow);
    assertTrue(distance(blueRow, BLUE) < 90, seen);
    assertTrue(distance(redRow, RED) < 90, seen);
    assertTrue(distance(blueRow, RED) > distance(blueRow, BLUE) + 100, seen);
    assertTrue(distance(redRow, BLUE) > distance(redRow, RED) + 100, seen);
    assertEquals(0, Arrays.stream(rowColour(last, 2)).sum(), 1e-9, "row 2 has no class");
  }

  @Test
  void theCheckpointNamesTheClassesAndAResumedRunContinuesTheSameTrajectory() throws Exception {
    List<Double> straight = new ArrayList<>();
    GanTraining.run(spec(6, LossKind.BCE), twoColours(8), losses(straight), new StopSignal());
    JsonNode desc =
        new ObjectMapper()
            .readTree(Checkpoint.dir(tmp.resolve("out")).resolve(Checkpoint.DESCRIPTOR).toFile());
    assertEquals("[\"blue\",\"red\"]", desc.get("class_names").toString());
    assertEquals(2, desc.get("num_classes").asInt());

    TrialSpec split =
        spec(6, LossKind.BCE).toBuilder().checkpoints(spec(6, LossKind.BCE).checkpoints()).build();
    Path other = tmp.resolve("resumed");
    List<Double> resumed = new ArrayList<>();
    TrialSpec first = withOutput(split, other, 3);
    GanTraining.run(first, twoColours(8), losses(resumed), new StopSignal());
    GanTraining.run(withOutput(split, other, 6), twoColours(8), losses(resumed), new StopSignal());
    assertEquals(6, resumed.size());
    for (int i = 0; i < 6; i++) {
      assertEquals(
          straight.get(i), resumed.get(i), 1e-4 * Math.abs(straight.get(i)), "step " + (i + 1));
    }
  }

  private static TrialSpec withOutput(TrialSpec s, Path out, int steps) {
    Hyperparams hp = s.hyperparams();
    return TrialSpec.builder(
            s.trialId(),
            s.model(),
            s.dataset(),
            new Hyperparams(
                hp.lrG(),
                hp.lrD(),
                hp.beta1(),
                hp.beta2(),
                hp.latentDim(),
                hp.batchSize(),
                steps,
                hp.gWidth(),
                hp.dWidth(),
                hp.loss(),
                hp.gpWeight(),
                hp.r1Gamma(),
                hp.emaDecay(),
                hp.r2Gamma(),
                hp.blocksPerStage(),
                hp.groupChannels()),
            out)
        .seed(s.seed())
        .probe(s.probe())
        .sampleEvery(s.sampleEvery())
        .threads(s.threads())
        .mlflow(s.mlflow())
        .augment(s.augment())
        .divergence(s.divergence())
        .checkpoints(s.checkpoints())
        .progressive(s.progressive())
        .build();
  }

  private static TrainingListener losses(List<Double> into) {
    return new TrainingListener() {
      @Override
      public void onStep(int step, StepMetrics m) {
        into.add(m.lossD() + 1000 * m.lossG());
      }
    };
  }
}
