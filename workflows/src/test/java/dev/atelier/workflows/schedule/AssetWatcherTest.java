package dev.atelier.workflows.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AssetWatcherTest {
  @Test
  void watchersRideOnTheirDatasets_throughAndAndOr() {
    AssetWatcher faces = AssetWatcher.folder("faces", "/srv/data/faces").quietSeconds(2);
    AssetWatcher bucket = AssetWatcher.bucket("shots", "s3://studio/shots/");
    DatasetCondition c =
        Dataset.of("atelier://faces")
            .watchedBy(faces)
            .and(Dataset.of("atelier://shots").watchedBy(bucket).or(Dataset.of("atelier://x")));

    assertEquals(
        List.of("atelier://faces", "atelier://shots", "atelier://x"),
        c.datasets().stream().map(Dataset::uri).toList());
    assertEquals(List.of(faces), c.datasets().get(0).watchers());
    assertEquals(2, c.datasets().get(0).watchers().get(0).quietSeconds());
    assertEquals(List.of(bucket), c.datasets().get(1).watchers());
    assertEquals(List.of(), c.datasets().get(2).watchers());
    // Scheduling reads the URIs only: a watcher changes when events come, not what they mean.
    assertEquals(true, c.evaluate(Set.of("atelier://faces", "atelier://x")));
    assertEquals("(atelier://faces & (atelier://shots | atelier://x))", c.describe());
  }

  @Test
  void badDeclarations_nameTheFieldAndTheRule() {
    assertEquals(
        "AssetWatcher name: 'Faces' must be 1 to 63 lower-case letters, digits, '.', '_' or '-',"
            + " starting with a letter or digit",
        assertThrows(IllegalArgumentException.class, () -> AssetWatcher.folder("Faces", "/srv"))
            .getMessage());
    assertEquals(
        "AssetWatcher 'faces' location: 'data/faces' must be an absolute folder path or an"
            + " s3://bucket/prefix URI",
        assertThrows(
                IllegalArgumentException.class, () -> AssetWatcher.folder("faces", "data/faces"))
            .getMessage());
    assertEquals(
        "AssetWatcher 'faces' quietSeconds: -1 must be between 0 and 3600",
        assertThrows(
                IllegalArgumentException.class,
                () -> AssetWatcher.folder("faces", "/srv").quietSeconds(-1))
            .getMessage());
  }
}
