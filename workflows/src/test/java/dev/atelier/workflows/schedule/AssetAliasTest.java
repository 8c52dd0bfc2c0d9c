package dev.atelier.workflows.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Airflow 3's {@code AssetAlias}: scheduling on an alias is scheduling on the assets it has
 * resolved to so far; while it resolves to none it holds nothing.
 */
class AssetAliasTest {
  private static final AssetAlias EXPORTS = AssetAlias.of("emoji_exports");
  private static final Asset LABELS = Asset.of("s3://studio/emoji/labels");

  @Test
  void nameAndGroup_followAirflow3sDefaults() {
    assertEquals("emoji_exports", EXPORTS.name());
    assertEquals("asset", EXPORTS.group());
    assertEquals("exports", new AssetAlias("x", "exports").group());
    assertEquals("AssetAlias(emoji_exports)", EXPORTS.describe());
  }

  @Test
  void badNamesAndGroups_areRefusedNamingValueAndRule() {
    assertEquals(
        "AssetAlias name '': must not be blank",
        assertThrows(IllegalArgumentException.class, () -> AssetAlias.of("")).getMessage());
    assertEquals(
        "AssetAlias name 'null': must not be blank",
        assertThrows(IllegalArgumentException.class, () -> AssetAlias.of(null)).getMessage());
    assertEquals(
        "AssetAlias 'x' group ' ': must not be blank",
        assertThrows(IllegalArgumentException.class, () -> new AssetAlias("x", " ")).getMessage());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> AssetAlias.of("a".repeat(1501)))
            .getMessage()
            .endsWith("longer than 1500 characters"));
  }

  @Test
  void unresolved_holdsNothing_andNamesNoAsset() {
    assertFalse(EXPORTS.evaluate(Set.of("s3://anything")));
    assertEquals(Set.of(), EXPORTS.uris());
    assertEquals(List.of(EXPORTS), EXPORTS.aliases());
    assertEquals(EXPORTS, EXPORTS.resolve(Map.of()));
  }

  @Test
  void resolved_holdsWhenAnyOfItsAssetsChanged() {
    AssetCondition resolved = EXPORTS.resolve(Map.of("emoji_exports", List.of("s3://a", "s3://b")));
    assertEquals(Set.of("s3://a", "s3://b"), resolved.uris());
    assertTrue(resolved.evaluate(Set.of("s3://b")));
    assertFalse(resolved.evaluate(Set.of("s3://c")));
    assertEquals("(s3://a | s3://b)", resolved.describe());
  }

  @Test
  void inAllAndAny_theAliasIsReplacedWhereItIsWritten() {
    AssetCondition both = LABELS.and(EXPORTS);
    assertEquals(List.of(EXPORTS), both.aliases());
    assertEquals("(s3://studio/emoji/labels & AssetAlias(emoji_exports))", both.describe());
    assertFalse(both.evaluate(Set.of(LABELS.uri())), "an unresolved alias never holds");

    AssetCondition resolved = both.resolve(Map.of("emoji_exports", List.of("s3://a")));
    assertEquals("(s3://studio/emoji/labels & (s3://a))", resolved.describe());
    assertEquals(Set.of(LABELS.uri(), "s3://a"), resolved.uris());
    assertTrue(resolved.evaluate(Set.of(LABELS.uri(), "s3://a")));
    assertFalse(resolved.evaluate(Set.of("s3://a")));

    AssetCondition either = AssetAny.of(LABELS, EXPORTS);
    assertTrue(either.evaluate(Set.of(LABELS.uri())));
    assertTrue(
        either.resolve(Map.of("emoji_exports", List.of("s3://a"))).evaluate(Set.of("s3://a")));
  }

  @Test
  void aDagMayBeScheduledOnAnAliasAlone() {
    Timetable t = Timetable.assets(EXPORTS);
    assertEquals("Triggered by assets: AssetAlias(emoji_exports)", t.description());
  }
}
