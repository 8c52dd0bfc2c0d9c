package dev.atelier.workflows.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Airflow 2.9's dataset expressions: {@code DatasetAll} / {@code &} and {@code DatasetAny} / {@code
 * |}.
 */
class DatasetConditionTest {
  private static final Dataset IMAGES = Dataset.of("s3://studio/emoji/images");
  private static final Dataset LABELS = Dataset.of("s3://studio/emoji/labels");
  private static final Dataset CURATED = Dataset.of("s3://studio/emoji/curated");

  /** images AND (labels OR curated) */
  private static final DatasetCondition RETRAIN = IMAGES.and(LABELS.or(CURATED));

  @Test
  void allAndAny_nestAsWritten() {
    assertFalse(RETRAIN.evaluate(Set.of()));
    assertFalse(RETRAIN.evaluate(Set.of(IMAGES.uri())), "images alone are not enough");
    assertFalse(RETRAIN.evaluate(Set.of(LABELS.uri(), CURATED.uri())), "images are required");
    assertTrue(RETRAIN.evaluate(Set.of(IMAGES.uri(), LABELS.uri())));
    assertTrue(RETRAIN.evaluate(Set.of(IMAGES.uri(), CURATED.uri(), "s3://other")));
  }

  @Test
  void urisAndDescription_keepTheWrittenOrder() {
    assertEquals(List.of(IMAGES.uri(), LABELS.uri(), CURATED.uri()), List.copyOf(RETRAIN.uris()));
    assertEquals(
        "(s3://studio/emoji/images & (s3://studio/emoji/labels | s3://studio/emoji/curated))",
        RETRAIN.describe());
  }

  @Test
  void aPlainList_meansAllOfThem() {
    DatasetAll list = DatasetAll.ofUris("a://1", "a://2");
    assertFalse(list.evaluate(Set.of("a://1")));
    assertTrue(list.evaluate(Set.of("a://1", "a://2")));
  }

  @Test
  void badDatasets_areRefusedNamingTheValue() {
    assertEquals(
        "dataset uri ' ': must not be blank",
        assertThrows(IllegalArgumentException.class, () -> Dataset.of(" ")).getMessage());
    assertEquals(
        "dataset uri 's3://my bucket': must not contain spaces",
        assertThrows(IllegalArgumentException.class, () -> Dataset.of("s3://my bucket"))
            .getMessage());
    assertEquals(
        "DatasetAny(): needs at least one asset or condition",
        assertThrows(IllegalArgumentException.class, DatasetAny::of).getMessage());
  }
}
