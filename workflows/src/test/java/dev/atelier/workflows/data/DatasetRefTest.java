package dev.atelier.workflows.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a run may write as its dataset, and the words for what it may not. */
class DatasetRefTest {
  private static final String FIELD = "params.dataset_path";

  private static String refused(String value) {
    return assertThrows(InvalidDatasetRefException.class, () -> DatasetRef.parse(FIELD, value))
        .getMessage();
  }

  @Test
  void parse_pvcUrl_claimAndThePathInsideItNormalised() {
    DatasetRef ref = DatasetRef.parse(FIELD, "pvc://datasets/emoji//64/./");

    assertTrue(ref.onClaim());
    assertEquals("datasets", ref.claim());
    assertEquals("emoji/64", ref.path());
    assertEquals("pvc://datasets/emoji/64", ref.toString());
  }

  @Test
  void parse_pvcUrlOfTheClaimsRoot_emptyPath() {
    assertEquals("", DatasetRef.parse(FIELD, "pvc://datasets").path());
    assertEquals("pvc://datasets", DatasetRef.parse(FIELD, "pvc://datasets/").toString());
  }

  @Test
  void parse_claimWithDots_isADnsSubdomainAsKubernetesAllows() {
    assertEquals("emoji.v2", DatasetRef.parse(FIELD, "pvc://emoji.v2/x").claim());
  }

  @Test
  void parse_absolutePath_normalised() {
    DatasetRef ref = DatasetRef.parse(FIELD, "/srv/datasets/./emoji//");

    assertFalse(ref.onClaim());
    assertEquals("/srv/datasets/emoji", ref.toString());
  }

  @Test
  void parse_colonInAFolderName_isJustAName() {
    assertEquals("/srv/a:b", DatasetRef.parse(FIELD, "/srv/a:b").toString());
  }

  @Test
  void parse_relativePath_refused() {
    assertEquals(
        "params.dataset_path: 'data/emoji' is not an absolute path; give an absolute path or"
            + " pvc://<claim>/<path>",
        refused("data/emoji"));
    assertEquals(
        "params.dataset_path: 'a:b' is not an absolute path; give an absolute path or"
            + " pvc://<claim>/<path>",
        refused("a:b"));
  }

  @Test
  void parse_otherScheme_refused() {
    assertEquals(
        "params.dataset_path: 's3://bucket/emoji' has the scheme 's3://', which trials cannot"
            + " read; give an absolute path or pvc://<claim>/<path>",
        refused("s3://bucket/emoji"));
  }

  @Test
  void parse_badClaimNames_refused() {
    String rule =
        "' must name a PersistentVolumeClaim after pvc:// (a DNS subdomain: lowercase letters,"
            + " digits, '-' and '.'), as in pvc://<claim>/<path>";
    assertEquals("params.dataset_path: 'pvc://Data_Sets/x" + rule, refused("pvc://Data_Sets/x"));
    assertEquals("params.dataset_path: 'pvc://a:b/x" + rule, refused("pvc://a:b/x"));
    assertEquals("params.dataset_path: 'pvc:///x" + rule, refused("pvc:///x"));
    assertEquals(
        "params.dataset_path: 'pvc://" + "d".repeat(254) + rule,
        refused("pvc://" + "d".repeat(254)));
  }

  @Test
  void parse_climbingOut_refused() {
    assertEquals(
        "params.dataset_path: 'pvc://d/emoji/../../etc' must keep its path inside the claim (no"
            + " '..')",
        refused("pvc://d/emoji/../../etc"));
    assertEquals(
        "params.dataset_path: '/srv/datasets/../etc' must not climb with '..'; give the folder's"
            + " own path",
        refused("/srv/datasets/../etc"));
  }

  @Test
  void parse_nothing_refused() {
    String rule = " must name a folder: an absolute path or pvc://<claim>/<path>";
    assertEquals("params.dataset_path: ''" + rule, refused(""));
    assertEquals("params.dataset_path: null" + rule, refused(null));
  }
}
