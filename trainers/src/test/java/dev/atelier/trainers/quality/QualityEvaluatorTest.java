package dev.atelier.trainers.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.trainers.train.ImageGenerator;
import dev.atelier.trainers.train.ProbeLatents;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QualityEvaluatorTest {
  private static final int SIZE = 16;
  private static final int LEN = 3 * SIZE * SIZE;
  private static final int LATENT = 8;
  private static final RealImages REAL = shapes(new Random(31), 300);
  private static final QualityOptions SMALL =
      QualityOptions.defaults().withSamples(96).withProbeCount(12);
  private static final ImageGenerator COPIER =
      ImageGenerator.of(LATENT, SIZE, QualityEvaluatorTest::copier);
  private static final ImageGenerator ONE_IMAGE =
      ImageGenerator.of(LATENT, SIZE, (z, n) -> repeat(REAL, 5, n));

  @Test
  void theBuiltInFeatureSpaceNamesEveryMetricAfterItselfAndCatchesACopyingGenerator()
      throws Exception {
    try (QualityEvaluator q = new QualityEvaluator(REAL, new Rgb8Features(), SMALL)) {
      QualityReport r = q.evaluate(300, COPIER, 1234);
      assertEquals(
          List.of(
              "fd_rgb8",
              "kid_rgb8",
              "diversity_rgb8",
              "diversity_real_rgb8",
              "mode_collapse",
              "novelty_nn_distance_rgb8"),
          List.copyOf(r.metrics().keySet()));
      assertEquals(0.0, r.metrics().get("novelty_nn_distance_rgb8"), 1e-5);
      assertEquals(0.0, r.metrics().get("mode_collapse"));
      assertEquals(
          List.of("novelty/step_0000300.json", "novelty/step_0000300.png"),
          List.copyOf(r.artifacts().keySet()));
      JsonNode json = new ObjectMapper().readTree(r.artifacts().get("novelty/step_0000300.json"));
      assertEquals(12, json.get("samples").size());
      // The copier drew probe 0 from training image copyIndex(latent 0): the report names it.
      float[] z0 = ProbeLatents.draw(1234, 1, LATENT);
      JsonNode first = json.get("samples").get(0).get("neighbours").get(0);
      assertEquals(copyIndex(z0, 0), first.get("index").asInt());
      assertEquals("emoji_" + copyIndex(z0, 0) + ".png", first.get("file").asText());
      assertNotNull(
          ImageIO.read(new ByteArrayInputStream(r.artifacts().get("novelty/step_0000300.png"))));
    }
  }

  @Test
  void aGeneratorThatDrawsOneImageIsFlaggedAsCollapsed() {
    try (QualityEvaluator q = new QualityEvaluator(REAL, new Rgb8Features(), SMALL)) {
      QualityReport good = q.evaluate(1, COPIER, 1234);
      QualityReport r = q.evaluate(2, ONE_IMAGE, 1234);
      assertEquals(0.0, r.metrics().get("diversity_rgb8"), 1e-9);
      assertEquals(1.0, r.metrics().get("mode_collapse"));
      // One image over and over is far from the data by FD and KID as well.
      assertTrue(r.metrics().get("fd_rgb8") > 5 * good.metrics().get("fd_rgb8"), r + "");
      assertTrue(r.metrics().get("kid_rgb8") > good.metrics().get("kid_rgb8") + 1e-3);
    }
  }

  @Test
  void withTheFixtureExtractorMetricsAreNamedAfterItAndCollapseScoresWorse() throws Exception {
    CountingExtractor counting =
        new CountingExtractor(
            TorchScriptExtractor.load(ExtractorOptions.of(QualityFixtures.extractorFile())));
    try (QualityEvaluator q = new QualityEvaluator(REAL, counting, SMALL)) {
      assertEquals("tinyconv", q.space());
      QualityReport good = q.evaluate(100, COPIER, 1234);
      QualityReport bad = q.evaluate(200, ONE_IMAGE, 1234);
      assertEquals(
          List.of(
              "fd_tinyconv",
              "kid_tinyconv",
              "diversity_tinyconv",
              "diversity_real_tinyconv",
              "mode_collapse",
              "novelty_nn_distance_tinyconv"),
          List.copyOf(good.metrics().keySet()));
      assertTrue(
          bad.metrics().get("fd_tinyconv") > 5 * good.metrics().get("fd_tinyconv"),
          good.metrics() + " vs " + bad.metrics());
      assertTrue(bad.metrics().get("kid_tinyconv") > good.metrics().get("kid_tinyconv") + 1e-4);
      assertEquals(0.0, good.metrics().get("mode_collapse"));
      assertEquals(1.0, bad.metrics().get("mode_collapse"));
      // Real features once; then per step the samples and the probe.
      assertEquals(300 + 2 * (96 + 12), counting.images.get());
    }
    assertTrue(counting.closed, "the evaluator closes the extractor it was given");
  }

  @Test
  void badOptionsAndABadGeneratorAreNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new QualityEvaluator(REAL, new Rgb8Features(), SMALL.withSamples(1)));
    assertEquals("quality.samples: 1 must be in 2..10000", e.getMessage());
    try (QualityEvaluator q = new QualityEvaluator(REAL, new Rgb8Features(), SMALL)) {
      IllegalStateException s =
          assertThrows(
              IllegalStateException.class,
              () -> q.evaluate(1, ImageGenerator.of(LATENT, SIZE, (z, n) -> new float[n]), 1));
      assertTrue(s.getMessage().startsWith("probe: the generator returned 12 floats for 12"));
      IllegalArgumentException size =
          assertThrows(
              IllegalArgumentException.class,
              () -> q.evaluate(1, ImageGenerator.of(LATENT, 8, QualityEvaluatorTest::copier), 1));
      assertTrue(size.getMessage().startsWith("generator: draws 8x8 images"), size.getMessage());
    }
  }

  /** A memorising generator: each latent picks a training image and returns it unchanged. */
  static float[] copier(float[] latents, int count) {
    float[] out = new float[count * LEN];
    for (int i = 0; i < count; i++) {
      System.arraycopy(REAL.pixels(), copyIndex(latents, i) * LEN, out, i * LEN, LEN);
    }
    return out;
  }

  static int copyIndex(float[] latents, int i) {
    return Math.floorMod(Float.floatToIntBits(latents[i * LATENT]) * 31, REAL.count());
  }

  static float[] repeat(RealImages real, int index, int count) {
    float[] out = new float[count * LEN];
    for (int i = 0; i < count; i++) {
      System.arraycopy(real.pixels(), index * LEN, out, i * LEN, LEN);
    }
    return out;
  }

  /** Emoji-like pictures: a light background, a coloured disc of random size and place. */
  static RealImages shapes(Random r, int n) {
    float[] px = new float[n * LEN];
    List<String> names = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      double cx = 4 + r.nextDouble() * 8;
      double cy = 4 + r.nextDouble() * 8;
      double rad = 2 + r.nextDouble() * 5;
      float[] colour = {r.nextFloat() * 2 - 1, r.nextFloat() * 2 - 1, r.nextFloat() * 2 - 1};
      for (int c = 0; c < 3; c++) {
        for (int y = 0; y < SIZE; y++) {
          for (int x = 0; x < SIZE; x++) {
            boolean inside = (x - cx) * (x - cx) + (y - cy) * (y - cy) < rad * rad;
            px[k * LEN + c * SIZE * SIZE + y * SIZE + x] = inside ? colour[c] : 0.9f;
          }
        }
      }
      names.add("emoji_" + k + ".png");
    }
    return new RealImages(px, n, SIZE, names);
  }

  /** Counts the images an extractor is asked for, so caching is visible. */
  private static final class CountingExtractor implements FeatureExtractor {
    final FeatureExtractor inner;
    final AtomicInteger images = new AtomicInteger();
    boolean closed;

    CountingExtractor(FeatureExtractor inner) {
      this.inner = inner;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public float[][] features(float[] nchw, int count, int size) {
      images.addAndGet(count);
      return inner.features(nchw, count, size);
    }

    @Override
    public void close() {
      closed = true;
      inner.close();
    }
  }
}
