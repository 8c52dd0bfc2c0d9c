package dev.atelier.workflows.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Airflow 3's asset expressions: {@code Asset(name, uri, group)}, {@code AssetAll} / {@code &} and
 * {@code AssetAny} / {@code |}, and Airflow 2's {@code Dataset} names as deprecated aliases that
 * schedule the same way.
 */
class AssetConditionTest {
  private static final Asset IMAGES = Asset.of("emoji_images", "s3://studio/emoji/images");
  private static final Asset LABELS = Asset.of("s3://studio/emoji/labels");
  private static final Asset CURATED = Asset.named("emoji_curated");

  @Test
  void namesUrisAndGroups_followAirflow3sDefaults() {
    assertEquals("emoji_images", IMAGES.name());
    assertEquals("s3://studio/emoji/images", IMAGES.uri());
    assertEquals("asset", IMAGES.group());
    // Declared by URI alone: named by its URI; by name alone: its name is its URI.
    assertEquals("s3://studio/emoji/labels", LABELS.name());
    assertEquals("emoji_curated", CURATED.uri());
    assertEquals("models", IMAGES.inGroup("models").group());
  }

  @Test
  void allAndAny_nestAsWritten_andScheduleOnUris() {
    AssetCondition retrain = IMAGES.and(LABELS.or(CURATED));
    assertFalse(retrain.evaluate(Set.of(IMAGES.uri())), "images alone are not enough");
    assertFalse(retrain.evaluate(Set.of(LABELS.uri(), CURATED.uri())), "images are required");
    assertTrue(retrain.evaluate(Set.of(IMAGES.uri(), CURATED.uri())));
    assertEquals(
        "(s3://studio/emoji/images & (s3://studio/emoji/labels | emoji_curated))",
        retrain.describe());
    assertEquals(List.of(IMAGES, LABELS, CURATED), retrain.assets());
    AssetAll list = AssetAll.ofUris("a://1", "a://2");
    assertFalse(list.evaluate(Set.of("a://1")));
    assertTrue(list.evaluate(Set.of("a://1", "a://2")));
  }

  @Test
  @SuppressWarnings("deprecation")
  void datasetNames_stillWork_andMixWithAssets() {
    DatasetCondition old = Dataset.of("s3://old").and(DatasetAny.of(Dataset.of("s3://x")));
    assertTrue(old.evaluate(Set.of("s3://old", "s3://x")));
    assertEquals(List.of(Asset.of("s3://old"), Asset.of("s3://x")), old.assets());
    AssetCondition mixed = IMAGES.and(Dataset.of("s3://old"));
    assertEquals(Set.of(IMAGES.uri(), "s3://old"), mixed.uris());
    // A Dag still on Airflow 2's names is described in Airflow 2's words.
    assertEquals(
        "Triggered by datasets: s3://old",
        Timetable.datasets(Dataset.of("s3://old")).description());
    assertEquals("Dataset", Timetable.datasets(Dataset.of("s3://old")).summary());
    assertEquals(
        "Triggered by assets: s3://new", Timetable.assets(Asset.of("s3://new")).description());
    assertEquals("Asset", Timetable.assets(Asset.of("s3://new")).summary());
  }

  @Test
  void watchersRideOnTheirAssets() {
    AssetWatcher faces = AssetWatcher.folder("faces", "/srv/data/faces");
    Asset watched = Asset.of("faces", "atelier://faces").watchedBy(faces);
    assertEquals(List.of(faces), watched.and(LABELS).assets().get(0).watchers());
    assertEquals("faces", watched.name());
  }

  @Test
  void badAssets_areRefusedNamingFieldValueAndRule() {
    assertEquals(
        "asset uri ' ': must not be blank",
        assertThrows(IllegalArgumentException.class, () -> Asset.of(" ")).getMessage());
    assertEquals(
        "asset uri 's3://my bucket': must not contain spaces",
        assertThrows(IllegalArgumentException.class, () -> Asset.of("s3://my bucket"))
            .getMessage());
    assertEquals(
        "asset 's3://a' name ' ': must not be blank",
        assertThrows(IllegalArgumentException.class, () -> Asset.of(" ", "s3://a")).getMessage());
    assertEquals(
        "asset 's3://a' group '': must not be blank",
        assertThrows(IllegalArgumentException.class, () -> Asset.of("s3://a").inGroup(""))
            .getMessage());
    assertEquals(
        "AssetAny(): needs at least one asset or condition",
        assertThrows(IllegalArgumentException.class, AssetAny::of).getMessage());
  }
}
