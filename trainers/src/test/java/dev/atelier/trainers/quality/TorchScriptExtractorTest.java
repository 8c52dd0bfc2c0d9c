package dev.atelier.trainers.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TorchScriptExtractorTest {
  private static final JsonNode EXPECTED = QualityFixtures.expected();
  private static final int COUNT = EXPECTED.get("count").asInt();
  private static final int SIZE = EXPECTED.get("size").asInt();
  private static final float[] IMAGES = QualityFixtures.formulaImages(COUNT, SIZE);

  @Test
  void featuresMatchWhatPyTorchComputedForEveryRangeAndResize() throws Exception {
    for (JsonNode c : EXPECTED.get("cases")) {
      InputRange range = InputRange.parse(c.get("input_range").asText()).orElseThrow();
      int inputSize = c.get("input_size").isNull() ? SIZE : c.get("input_size").asInt();
      ExtractorOptions options =
          ExtractorOptions.of(QualityFixtures.extractorFile())
              .withInputRange(range)
              .withInputSize(inputSize);
      try (TorchScriptExtractor x = TorchScriptExtractor.load(options)) {
        assertFeatures(
            QualityFixtures.matrix(c.get("features")),
            x.features(IMAGES, COUNT, SIZE),
            range + " at " + inputSize);
      }
    }
  }

  @Test
  void theModelsOwnMetadataGivesNameSizeAndRange() throws Exception {
    try (TorchScriptExtractor x =
        TorchScriptExtractor.load(ExtractorOptions.of(QualityFixtures.extractorFile()))) {
      assertEquals("tinyconv", x.name());
      assertEquals(OptionalInt.of(24), x.inputSize());
      assertEquals(InputRange.ZERO_ONE, x.inputRange());
      // The second case is zero_one resized to 24: what the metadata asks for.
      assertFeatures(
          QualityFixtures.matrix(EXPECTED.get("cases").get(1).get("features")),
          x.features(IMAGES, COUNT, SIZE),
          "metadata defaults");
    }
  }

  @Test
  void withoutMetadataTheFileNameNamesItAndImagesKeepTheirSize() throws Exception {
    java.nio.file.Path plain =
        QualityFixtures.extractorFile().resolveSibling("tiny_features_plain.pt");
    try (TorchScriptExtractor x = TorchScriptExtractor.load(ExtractorOptions.of(plain))) {
      assertEquals("tiny_features_plain", x.name());
      assertEquals(OptionalInt.empty(), x.inputSize());
      assertEquals(InputRange.ZERO_ONE, x.inputRange());
      // The first case is zero_one at the images' own size.
      assertFeatures(
          QualityFixtures.matrix(EXPECTED.get("cases").get(0).get("features")),
          x.features(IMAGES, COUNT, SIZE),
          "no metadata");
    }
  }

  @Test
  void batchesSmallerThanTheCallGiveTheSameFeatures() throws Exception {
    ExtractorOptions three =
        new ExtractorOptions(
            QualityFixtures.extractorFile(),
            java.util.Optional.of("tiny"),
            OptionalInt.of(24),
            java.util.Optional.empty(),
            3);
    try (TorchScriptExtractor x = TorchScriptExtractor.load(three)) {
      assertEquals("tiny", x.name());
      for (int repeat = 0; repeat < 3; repeat++) {
        assertFeatures(
            QualityFixtures.matrix(EXPECTED.get("cases").get(1).get("features")),
            x.features(IMAGES, COUNT, SIZE),
            "batches of 3, call " + repeat);
      }
    }
  }

  @Test
  void badOptionsNameTheFieldTheValueAndTheRule() {
    ExtractorOptions bad =
        ExtractorOptions.of(Path.of("/nonexistent/inception.pt"))
            .withName("Inception V3")
            .withInputSize(4);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TorchScriptExtractor.load(bad));
    assertTrue(
        e.getMessage().contains("extractor.path: '/nonexistent/inception.pt' is not a file"),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("extractor.name: \"Inception V3\" must match"), e.getMessage());
    assertTrue(
        e.getMessage().contains("extractor.input_size: 4 must be in 8..1024"), e.getMessage());
  }

  @Test
  void aFileThatIsNotTorchScriptIsReportedWithItsPath() throws Exception {
    Path notModel = Path.of(getClass().getResource("/quality/tiny_features_expected.json").toURI());
    Exception e =
        assertThrows(
            Exception.class, () -> TorchScriptExtractor.load(ExtractorOptions.of(notModel)));
    assertTrue(e.getMessage().contains("extractor.path: '" + notModel + "'"), e.getMessage());
  }

  @Test
  void metricNamesFromFileNamesAreSafe() {
    assertEquals("inception_v3", ExtractorOptions.nameFromFile(Path.of("/m/Inception-V3.pt")));
    assertEquals("x2048_pool", ExtractorOptions.nameFromFile(Path.of("/m/2048 pool.pt")));
  }

  static void assertFeatures(float[][] expected, float[][] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": rows");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i].length, actual[i].length, what + ": dim");
      for (int j = 0; j < expected[i].length; j++) {
        assertEquals(expected[i][j], actual[i][j], 1e-5, what + ": feature [" + i + "][" + j + "]");
      }
    }
  }
}
