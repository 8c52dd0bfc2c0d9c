package dev.atelier.trainers.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class QualitySpecTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anAbsentObjectMeansOnAtEverySampleStepInTheBuiltInFeatureSpace() {
    List<String> v = new ArrayList<>();
    QualitySpec q = QualitySpec.read(null, 64, 100, v);
    assertEquals(List.of(), v);
    assertTrue(q.enabled());
    assertEquals(100, q.every());
    assertEquals(QualityOptions.defaults(), q.options());
    assertEquals(Optional.empty(), q.extractor());
    assertEquals("rgb8", q.space());
    assertEquals(List.of("fd_rgb8", "kid_rgb8"), q.lowerIsBetter());
    assertTrue(q.background());
  }

  @Test
  void backgroundFalseMeasuresOnTheTrainingThreadAndMustBeABoolean() throws Exception {
    List<String> v = new ArrayList<>();
    assertFalse(
        QualitySpec.read(JSON.readTree("{\"background\": false}"), 64, 100, v).background());
    assertEquals(List.of(), v);
    QualitySpec.read(JSON.readTree("{\"background\": \"no\"}"), 64, 100, v);
    assertEquals(List.of("quality.background: \"no\" is not true or false"), v);
  }

  @Test
  void theSpaceComesFromTheNameTheFileDeclaresWhenTheSpecGivesNone() throws Exception {
    String path = QualityFixtures.extractorFile().toString();
    List<String> v = new ArrayList<>();
    QualitySpec q =
        QualitySpec.read(
            JSON.readTree("{\"every\": 300, \"extractor\": {\"path\": \"" + path + "\"}}"),
            64,
            100,
            v);
    assertEquals(List.of(), v);
    assertEquals(300, q.every());
    assertEquals("tinyconv", q.space()); // from the file's atelier.json
    assertEquals(List.of("fd_tinyconv", "kid_tinyconv"), q.lowerIsBetter());
    String plain = path.replace("tiny_features.pt", "tiny_features_plain.pt");
    q =
        QualitySpec.read(
            JSON.readTree("{\"extractor\": {\"path\": \"" + plain + "\"}}"), 64, 100, v);
    assertEquals("tiny_features_plain", q.space()); // the file's base name
  }

  @Test
  void aFullObjectIsRead() throws Exception {
    String path = QualityFixtures.extractorFile().toString();
    List<String> v = new ArrayList<>();
    QualitySpec q =
        QualitySpec.read(
            JSON.readTree(
                "{\"samples\": 128, \"neighbours\": 5, \"collapse_threshold\": 0.3,"
                    + " \"kid_subsets\": 20, \"walk_keyframes\": 4, \"walk_frames\": 6,"
                    + " \"extractor\": {\"path\": \""
                    + path
                    + "\", \"name\": \"inception\", \"input_size\": 299,"
                    + " \"input_range\": \"imagenet\", \"batch_size\": 32}}"),
            16,
            100,
            v);
    assertEquals(List.of(), v);
    assertEquals(128, q.options().samples());
    assertEquals(16, q.options().probeCount());
    assertEquals(5, q.options().neighbours());
    assertEquals(0.3, q.options().collapseThreshold());
    assertEquals(20, q.options().kidSubsets());
    assertEquals(4, q.options().walkKeyframes());
    assertEquals(6, q.options().walkFrames());
    ExtractorOptions x = q.extractor().orElseThrow();
    assertEquals(Optional.of("inception"), x.name());
    assertEquals(OptionalInt.of(299), x.inputSize());
    assertEquals(Optional.of(InputRange.IMAGENET), x.inputRange());
    assertEquals(32, x.batchSize());
    assertEquals("inception", q.space());
  }

  @Test
  void everyViolationNamesFieldValueAndRule() throws Exception {
    List<String> v = new ArrayList<>();
    QualitySpec.read(
        JSON.readTree(
            "{\"samples\": 1, \"neighbors\": 3, \"collapse_threshold\": 2, \"walk_frames\": 1.5,"
                + " \"enabled\": \"yes\", \"every\": 150,"
                + " \"extractor\": {\"path\": \"models/x.pt\", \"input_range\": \"0-255\","
                + " \"input_size\": 4}}"),
        64,
        100,
        v);
    assertEquals(
        List.of(
            "quality.neighbors: is not a known field [background, collapse_threshold, enabled, every,"
                + " extractor, kid_subset_size, kid_subsets, neighbours, samples, walk_frames, walk_keyframes]",
            "quality.enabled: \"yes\" is not true or false",
            "quality.every: 150 must be a multiple of sample_every (100): quality is measured at"
                + " sample steps",
            "quality.walk_frames: 1.5 is not an integer",
            "quality.samples: 1 must be in 2..10000",
            "quality.collapse_threshold: 2.0 must be > 0 and <= 1",
            "quality.extractor.input_range: \"0-255\" is not one of [minus_one_one, zero_one,"
                + " imagenet]",
            "quality.extractor.path: 'models/x.pt' must be an absolute path",
            "quality.extractor.input_size: 4 must be in 8..1024"),
        v);
  }

  @Test
  void aMissingExtractorPathIsRequired() throws Exception {
    List<String> v = new ArrayList<>();
    QualitySpec q =
        QualitySpec.read(JSON.readTree("{\"extractor\": {\"name\": \"x\"}}"), 64, 100, v);
    assertEquals(List.of("quality.extractor.path: is required"), v);
    assertTrue(q.extractor().isEmpty());
  }

  @Test
  void everyDefaultsToSampleEveryAndOnlyAGivenOneIsChecked() throws Exception {
    List<String> v = new ArrayList<>();
    // sample_every itself is bad (its own violation); a quality object without every adds none.
    assertEquals(0, QualitySpec.read(JSON.readTree("{\"samples\": 64}"), 64, 0, v).every());
    assertEquals(List.of(), v);
    QualitySpec.read(JSON.readTree("{\"every\": 0}"), 64, 100, v);
    assertEquals(List.of("quality.every: 0 must be >= 1"), v);
  }

  @Test
  void aWalkNeedsTwoProbeImagesUnlessQualityIsOff() throws Exception {
    List<String> v = new ArrayList<>();
    QualitySpec.read(null, 1, 100, v);
    assertEquals(
        List.of(
            "probe.count: 1 must be >= 2 while quality is on (the latent walk joins probe images;"
                + " \"quality\": {\"enabled\": false} turns quality off)"),
        v);
    v.clear();
    QualitySpec off = QualitySpec.read(JSON.readTree("{\"enabled\": false}"), 1, 100, v);
    assertEquals(List.of(), v);
    assertEquals(List.of(), off.lowerIsBetter());
  }
}
