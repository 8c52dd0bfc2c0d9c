package dev.atelier.activities.trials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatasetRefTest {
  @Test
  void parse_pvcUrl_claimAndTheFolderTheTrainerReadsWhereItIsMounted() {
    DatasetRef ref = DatasetRef.parse("dataset.path", "pvc://datasets/emoji/64/");

    assertEquals(Optional.of("datasets"), ref.volumeClaim());
    assertEquals("/var/atelier/dataset/emoji/64", ref.trainerPath());
  }

  @Test
  void parse_pvcUrlOfTheClaimsRoot_mountedFolderItself() {
    assertEquals(
        "/var/atelier/dataset", DatasetRef.parse("dataset.path", "pvc://datasets").trainerPath());
  }

  @Test
  void parse_plainPath_passedThrough() {
    DatasetRef ref = DatasetRef.parse("dataset.path", "/data/emoji");

    assertEquals(Optional.empty(), ref.volumeClaim());
    assertEquals("/data/emoji", ref.trainerPath());
  }

  @Test
  void parse_otherScheme_refusedNamingFieldValueAndRule() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DatasetRef.parse("dataset.path", "s3://bucket/emoji"));

    assertEquals(
        "dataset.path: 's3://bucket/emoji' has the scheme 's3://', which trials cannot read;"
            + " give a path or pvc://<claim>/<path>",
        e.getMessage());
  }

  @Test
  void parse_badClaimName_refused() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DatasetRef.parse("dataset.path", "pvc://Data_Sets/x"));

    assertEquals(
        "dataset.path: 'pvc://Data_Sets/x' must name a PersistentVolumeClaim after pvc:// (a DNS"
            + " subdomain), as in pvc://<claim>/<path>",
        e.getMessage());
  }

  @Test
  void parse_pathClimbingOutOfTheClaim_refused() {
    assertThrows(
        IllegalArgumentException.class, () -> DatasetRef.parse("dataset.path", "pvc://d/../etc"));
  }
}
