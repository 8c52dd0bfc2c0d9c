package dev.atelier.trainers.sr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.quality.FeatureMatrix;
import dev.atelier.trainers.quality.FrechetDistance;
import dev.atelier.trainers.quality.GaussianStats;
import dev.atelier.trainers.quality.QualitySpec;
import dev.atelier.trainers.quality.Rgb8Features;
import dev.atelier.trainers.spec.ProbeSpec;
import dev.atelier.trainers.spec.SrTrialSpec;
import dev.atelier.trainers.train.Checkpoint;
import dev.atelier.trainers.train.SampleOutput;
import dev.atelier.trainers.train.StopSignal;
import dev.atelier.trainers.train.TrainingListener;
import dev.atelier.trainers.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FD and KID of the probe's SR outputs against their ground truth, and keep_best_by psnr. */
class SrQualityTest {
  @TempDir Path tmp;

  private static QualitySpec quality(String json, int probes, int sampleEvery) throws Exception {
    List<String> violations = new ArrayList<>();
    QualitySpec q =
        QualitySpec.read(new ObjectMapper().readTree(json), probes, sampleEvery, violations);
    assertEquals(List.of(), violations);
    return q;
  }

  @Test
  void theGroundTruthScoresZeroAndNearestEnlargementScoresWorse() throws Exception {
    SrProbe probe = SrProbe.split(SmoothImages.dataset(24, 16, 5), new ProbeSpec(3, 6)).probe();
    try (SrQuality q = SrQuality.open(quality("{}", 6, 1), probe).orElseThrow()) {
      Map<String, Double> truth = q.measure(probe.hr, probe.count);
      Map<String, Double> nearest = q.measure(probe.nearest, probe.count);
      assertEquals(List.of("fd_patch4", "kid_patch4"), List.copyOf(truth.keySet()));
      assertEquals(0, truth.get("fd_patch4"), 1e-9);
      assertTrue(nearest.get("fd_patch4") > 1e-4, nearest.toString());
      assertTrue(nearest.get("kid_patch4") > truth.get("kid_patch4"), nearest + " vs " + truth);
      // Deterministic: the same images measure the same; the run's logged baseline is that value.
      assertEquals(nearest, q.measure(probe.nearest, probe.count));
      assertEquals(nearest.get("fd_patch4"), q.nearestBaseline().get("fd_patch4_nearest"));
    }
  }

  @Test
  void patch4SeesSrDetailAt32PxWhereRgb8CellsAreWholeInputBlocks() throws Exception {
    // At 32 px an rgb8 cell is 4x4 px, one input pixel's block: nearest enlargement has the ground
    // truth's rgb8 features exactly, so fd_rgb8 would be 0; the patch space still tells them apart.
    SrProbe probe = SrProbe.split(SmoothImages.dataset(24, 32, 5), new ProbeSpec(3, 6)).probe();
    try (Rgb8Features rgb8 = new Rgb8Features()) {
      FeatureMatrix truth = FeatureMatrix.of(rgb8.features(probe.hr, probe.count, probe.size));
      FeatureMatrix nearest =
          FeatureMatrix.of(rgb8.features(probe.nearest, probe.count, probe.size));
      assertEquals(0, new FrechetDistance(GaussianStats.of(truth)).to(nearest), 1e-9);
    }
    try (SrQuality q = SrQuality.open(quality("{}", 6, 1), probe).orElseThrow()) {
      double fd = q.measure(probe.nearest, probe.count).get("fd_patch4");
      assertTrue(fd > 1e-3, "fd_patch4 of nearest enlargement: " + fd);
      assertEquals(0, q.measure(probe.hr, probe.count).get("fd_patch4"), 1e-9);
    }
  }

  @Test
  void aTorchScriptExtractorNamesTheMetricsAndOffOrOneImageMeasuresNothing() throws Exception {
    Path net = Path.of("src/test/resources/quality/tiny_features.pt").toAbsolutePath();
    SrProbe probe = SrProbe.split(SmoothImages.dataset(8, 16, 5), new ProbeSpec(3, 4)).probe();
    QualitySpec q = quality("{\"extractor\": {\"path\": \"" + net + "\"}}", 4, 1);
    try (SrQuality s = SrQuality.open(q, probe).orElseThrow()) {
      assertEquals(
          List.of("fd_tinyconv", "kid_tinyconv"),
          List.copyOf(s.measure(probe.nearest, probe.count).keySet()));
    }
    assertTrue(SrQuality.open(quality("{\"enabled\": false}", 4, 1), probe).isEmpty());
    SrProbe one = SrProbe.split(SmoothImages.dataset(8, 16, 5), new ProbeSpec(3, 1)).probe();
    assertTrue(SrQuality.open(quality("{}", 2, 1), one).isEmpty());
  }

  @Test
  void qualityIsLoggedEveryQualityStepAndKeepBestByPsnrKeepsTheHighest() throws Exception {
    ImageDataset data = SmoothImages.dataset(24, 16, 6);
    SrTrialSpec spec =
        SmoothImages.parsed(
            tmp,
            "\"hyperparams\": {\"steps\": 8, \"batch_size\": 8, \"g_width\": 16,"
                + " \"d_width\": 8, \"residual_blocks\": 2, \"lr_g\": 0.001, \"lr_d\": 0.0002},"
                + " \"probe\": {\"seed\": 3, \"count\": 4}, \"sample_every\": 1,"
                + " \"checkpoint_every\": 1, \"keep_last\": 1, \"keep_best_by\": \"psnr\","
                + " \"quality\": {\"every\": 4}");
    Map<Integer, Map<String, Double>> samples = new TreeMap<>();
    TrainingListener record =
        new TrainingListener() {
          @Override
          public void onSample(int step, byte[] png, SampleOutput out) {
            samples.put(step, out.metrics());
          }
        };
    TrainingResult r =
        SrTraining.run(
            spec,
            SrProbe.split(data, spec.probe()),
            record,
            SrTraining.Extras.NONE,
            new StopSignal());
    assertEquals(TrainingResult.Ending.COMPLETED, r.ending(), r.reason());
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), List.copyOf(samples.keySet()));
    for (int step : samples.keySet()) {
      Map<String, Double> m = samples.get(step);
      assertTrue(m.containsKey("psnr"), m.toString());
      boolean measured = step % 4 == 0;
      for (String name :
          List.of("fd_patch4", "kid_patch4", "quality_seconds", "fd_patch4_nearest")) {
        assertEquals(measured, m.containsKey(name), "step " + step + ": " + m);
      }
      if (measured) {
        assertTrue(m.get("fd_patch4") >= 0 && Double.isFinite(m.get("kid_patch4")), m.toString());
      }
    }
    System.out.println("sr quality " + samples);
    // Step checkpoints 1..7 (8 is the final one): the last (7) and the highest psnr are kept.
    int best = 1;
    for (int step = 1; step <= 7; step++) {
      if (samples.get(step).get("psnr") > samples.get(best).get("psnr")) {
        best = step;
      }
    }
    List<String> expected = new ArrayList<>(List.of("final", stepName(7)));
    if (best != 7) {
      expected.add(1, stepName(best));
    }
    assertEquals(expected, folders());
    JsonNode q =
        Checkpoint.descriptor(Checkpoint.stepDir(tmp.resolve("out"), best))
            .orElseThrow()
            .path("quality");
    assertEquals("psnr", q.path("metric").asText());
    assertEquals(samples.get(best).get("psnr"), q.path("value").asDouble(), 0);
    assertEquals(best, q.path("measured_at_step").asInt());
  }

  private static String stepName(int step) {
    return Checkpoint.stepDir(Path.of("x"), step).getFileName().toString();
  }

  private List<String> folders() throws Exception {
    try (Stream<Path> s = Files.list(Checkpoint.root(tmp.resolve("out")))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
