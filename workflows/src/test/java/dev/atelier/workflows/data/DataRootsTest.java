package dev.atelier.workflows.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The roots a deployment configures and what each launcher may read under them.
 *
 * <pre>
 *   root/                 a folder root
 *     emoji/
 *     grid.png            a file, not a folder
 *     escape  -> outside  a link out of every root
 *   mnt/                  claim 'datasets', mounted on the worker
 *     emoji/
 *     alias   -> emoji    a link that stays in the claim
 *     to-root -> root     a link out of the claim, into the folder root
 *   outside/              under no root
 *   claim 'remote'        not mounted on the worker
 * </pre>
 */
class DataRootsTest {
  private static final String FIELD = "params.dataset_path";

  @TempDir Path tmp;
  private Path root;
  private Path mnt;
  private Path outside;
  private DataRoots roots;

  @BeforeEach
  void layOut() throws IOException {
    Path base = tmp.toRealPath();
    root = Files.createDirectories(base.resolve("root"));
    mnt = Files.createDirectories(base.resolve("mnt"));
    outside = Files.createDirectories(base.resolve("outside"));
    Files.createDirectories(root.resolve("emoji"));
    Files.writeString(root.resolve("grid.png"), "png");
    Files.createSymbolicLink(root.resolve("escape"), outside);
    Files.createDirectories(mnt.resolve("emoji"));
    Files.createSymbolicLink(mnt.resolve("alias"), mnt.resolve("emoji"));
    Files.createSymbolicLink(mnt.resolve("to-root"), root);
    roots = DataRoots.parse(root + ", pvc://datasets=" + mnt + "/, pvc://remote");
  }

  private String rootsShown() {
    return "ATELIER_DATA_ROOTS: " + root + ", pvc://datasets=" + mnt + ", pvc://remote";
  }

  private String refused(String value, String launcher) {
    return assertThrows(
            InvalidDatasetRefException.class, () -> roots.resolve(FIELD, value, launcher))
        .getMessage();
  }

  private static String badSpec(String spec) {
    return assertThrows(IllegalArgumentException.class, () -> DataRoots.parse(spec)).getMessage();
  }

  @Test
  void parse_foldersAndClaims_normalisedInOrder() {
    assertTrue(roots.configured());
    assertEquals(rootsShown(), roots.toString());
  }

  @Test
  void parse_unsetOrBlank_noRoots() {
    assertFalse(DataRoots.parse(null).configured());
    assertFalse(DataRoots.parse("  ").configured());
    assertEquals("ATELIER_DATA_ROOTS is unset", DataRoots.parse("").toString());
  }

  @Test
  void parse_badEntries_nameTheVariableTheEntryAndTheRule() {
    String syntax =
        " is not an absolute folder, pvc://<claim> or pvc://<claim>=<folder where the worker"
            + " mounts it>";
    assertEquals("ATELIER_DATA_ROOTS: 'datasets'" + syntax, badSpec("/srv, datasets"));
    assertEquals("ATELIER_DATA_ROOTS: 'c:/data'" + syntax, badSpec("c:/data"));
    assertEquals("ATELIER_DATA_ROOTS: 's3://bucket'" + syntax, badSpec("s3://bucket"));
    assertEquals("ATELIER_DATA_ROOTS: 'pvc://datasets='" + syntax, badSpec("pvc://datasets="));
    assertEquals(
        "ATELIER_DATA_ROOTS: 'pvc://datasets=mnt/datasets'" + syntax,
        badSpec("pvc://datasets=mnt/datasets"));
    assertEquals(
        "ATELIER_DATA_ROOTS: 'pvc://a:b' must name a PersistentVolumeClaim after pvc:// (a DNS"
            + " subdomain: lowercase letters, digits, '-' and '.'), as in pvc://<claim>/<path>",
        badSpec("pvc://a:b"));
    assertEquals(
        "ATELIER_DATA_ROOTS: 'pvc://datasets/emoji' names a folder inside a claim; a claim root is"
            + " the whole claim: pvc://<claim> or pvc://<claim>=<folder where the worker mounts"
            + " it>",
        badSpec("pvc://datasets/emoji"));
    assertEquals(
        "ATELIER_DATA_ROOTS: '/srv/../etc' must not climb with '..'", badSpec("/srv/../etc"));
    assertEquals(
        "ATELIER_DATA_ROOTS: '/a,,/b' has an empty entry; separate the roots with single commas",
        badSpec("/a,,/b"));
    assertEquals(
        "ATELIER_DATA_ROOTS: 'pvc://d=/mnt/d' gives claim 'd' a second time",
        badSpec("pvc://d, pvc://d=/mnt/d"));
    assertEquals("ATELIER_DATA_ROOTS: '/srv/' is given twice", badSpec("/srv,/srv/"));
  }

  @Test
  void parse_severalBadEntries_allNamedInOneMessage() {
    assertEquals(
        "ATELIER_DATA_ROOTS: 'datasets' is not an absolute folder, pvc://<claim> or"
            + " pvc://<claim>=<folder where the worker mounts it>; ATELIER_DATA_ROOTS: '/srv/../etc'"
            + " must not climb with '..'",
        badSpec("datasets, /srv/data, /srv/../etc"));
  }

  // --- local launcher: trials read the worker's folder ---

  @Test
  void local_folderUnderAFolderRoot_theWorkerFolderForScanAndTrials() {
    ResolvedDataset d = roots.resolve(FIELD, root + "/emoji/", "local");

    assertEquals(root.resolve("emoji"), d.workerPath());
    assertEquals(root.resolve("emoji").toString(), d.trialPath());
    assertNull(d.claim());
  }

  @Test
  void local_pvcOfAMountedClaim_readThroughTheMount() {
    ResolvedDataset d = roots.resolve(FIELD, "pvc://datasets/emoji", "local");

    assertEquals(mnt.resolve("emoji"), d.scanPath(FIELD));
    assertEquals(mnt.resolve("emoji").toString(), d.trialPath());
    assertEquals("datasets", d.claim());
  }

  @Test
  void local_linkFromAClaimIntoAnotherRoot_allowedSinceLocalTrialsReadBoth() {
    assertEquals(
        mnt.resolve("to-root/emoji").toString(),
        roots.resolve(FIELD, mnt + "/to-root/emoji", "local").trialPath());
  }

  @Test
  void local_folderUnderNoRoot_refused() {
    assertEquals(
        FIELD + ": '" + outside + "' is not under a data root (" + rootsShown() + ")",
        refused(outside.toString(), "local"));
    assertEquals(
        FIELD + ": '/etc' is not under a data root (" + rootsShown() + ")",
        refused("/etc", "local"));
  }

  @Test
  void local_symbolicLinkOutOfTheRoot_refused() {
    assertEquals(
        FIELD
            + ": '"
            + root
            + "/escape' leads to '"
            + outside
            + "' through a symbolic link, outside its data root '"
            + root
            + "'",
        refused(root + "/escape", "local"));
  }

  @Test
  void local_missingOrNotAFolder_refused() {
    assertEquals(FIELD + ": '" + root + "/nope' does not exist", refused(root + "/nope", "local"));
    assertEquals(
        FIELD + ": '" + root + "/grid.png' is not a folder", refused(root + "/grid.png", "local"));
    assertEquals(
        FIELD + ": 'pvc://datasets/nope' does not exist (the worker reads it at " + mnt + "/nope)",
        refused("pvc://datasets/nope", "local"));
  }

  @Test
  void local_claimTheWorkerHasNotMounted_saysWhatToConfigure() {
    assertEquals(
        FIELD
            + ": 'pvc://remote/emoji': claim 'remote' is not mounted on the worker, which has to"
            + " read the dataset; give its mount in ATELIER_DATA_ROOTS as pvc://remote=<folder>",
        refused("pvc://remote/emoji", "local"));
  }

  @Test
  void local_claimThatIsNoRoot_refused() {
    assertEquals(
        FIELD + ": 'pvc://other/emoji': claim 'other' is not a data root (" + rootsShown() + ")",
        refused("pvc://other/emoji", "local"));
  }

  @Test
  void local_unset_anyReadableFolderButNoClaim() {
    DataRoots unset = DataRoots.unset();

    assertEquals(outside.toString(), unset.resolve(FIELD, outside.toString(), null).trialPath());
    assertEquals(
        root.resolve("escape").toString(),
        unset.resolve(FIELD, root + "/escape", "local").trialPath());
    var e =
        assertThrows(
            InvalidDatasetRefException.class,
            () -> unset.resolve(FIELD, "pvc://datasets/emoji", "local"));
    assertEquals(
        FIELD
            + ": 'pvc://datasets/emoji': claim 'datasets' is not a data root (ATELIER_DATA_ROOTS"
            + " is unset)",
        e.getMessage());
  }

  // --- kubernetes launcher: trials mount a claim ---

  @Test
  void kubernetes_pvcOfAMountedClaim_podReadsTheClaimWorkerScansTheMount() {
    ResolvedDataset d = roots.resolve(FIELD, "pvc://datasets/emoji/", "kubernetes");

    assertEquals("pvc://datasets/emoji", d.trialPath());
    assertEquals(mnt.resolve("emoji"), d.scanPath(FIELD));
  }

  @Test
  void kubernetes_folderUnderAClaimsMount_translatedToItsPvcForm() {
    assertEquals(
        "pvc://datasets/emoji", roots.resolve(FIELD, mnt + "/emoji", "kubernetes").trialPath());
    assertEquals("pvc://datasets", roots.resolve(FIELD, mnt.toString(), "kubernetes").trialPath());
    assertEquals(
        "pvc://datasets/emoji",
        roots.resolve(FIELD, mnt + "/alias", "kubernetes").trialPath(),
        "a link inside the claim is followed: the pod sees the claim, not the worker's paths");
  }

  @Test
  void kubernetes_pvcOfAClaimTheWorkerHasNotMounted_trialsCanReadItTheWorkerCannotScanIt() {
    ResolvedDataset d = roots.resolve(FIELD, "pvc://remote/emoji", "kubernetes");

    assertEquals("pvc://remote/emoji", d.trialPath());
    assertNull(d.workerPath());
    var e = assertThrows(InvalidDatasetRefException.class, () -> d.scanPath(FIELD));
    assertEquals(
        FIELD
            + ": 'pvc://remote/emoji': claim 'remote' is not mounted on the worker, which has to"
            + " read the dataset; give its mount in ATELIER_DATA_ROOTS as pvc://remote=<folder>",
        e.getMessage());
  }

  @Test
  void kubernetes_folderOnlyTheWorkerHas_refused() {
    assertEquals(
        FIELD
            + ": '"
            + root
            + "/emoji' is not on a PersistentVolumeClaim, which Kubernetes trials read datasets"
            + " from: give pvc://<claim>/<path> or a folder under a claim's worker mount ("
            + rootsShown()
            + ")",
        refused(root + "/emoji", "kubernetes"));
    var e =
        assertThrows(
            InvalidDatasetRefException.class,
            () -> DataRoots.unset().resolve(FIELD, root + "/emoji", "kubernetes"));
    assertTrue(e.getMessage().endsWith("(ATELIER_DATA_ROOTS is unset)"), e.getMessage());
  }

  @Test
  void kubernetes_linkOutOfTheClaim_refusedThoughTheWorkerCouldReadIt() {
    assertEquals(
        FIELD
            + ": 'pvc://datasets/to-root/emoji' leads to '"
            + root
            + "/emoji' through a symbolic link, outside its data root 'pvc://datasets="
            + mnt
            + "'",
        refused("pvc://datasets/to-root/emoji", "kubernetes"));
  }

  @Test
  void requireInside_imageLinkedOutOfTheRoots_refused_linkIntoAnotherRoot_allowed()
      throws IOException {
    Files.writeString(outside.resolve("secret.png"), "png");
    Files.writeString(root.resolve("emoji/a.png"), "png");
    Files.createSymbolicLink(mnt.resolve("emoji/secret.png"), outside.resolve("secret.png"));
    Files.createSymbolicLink(mnt.resolve("emoji/a.png"), root.resolve("emoji/a.png"));
    ResolvedDataset local = roots.resolve(FIELD, "pvc://datasets/emoji", "local");
    ResolvedDataset kubernetes = roots.resolve(FIELD, "pvc://datasets/emoji", "kubernetes");

    var e =
        assertThrows(
            InvalidDatasetRefException.class,
            () -> local.requireInside(FIELD, mnt.resolve("emoji/secret.png")));
    assertEquals(
        FIELD
            + ": 'pvc://datasets/emoji' holds 'secret.png', which leads to '"
            + outside.resolve("secret.png")
            + "' through a symbolic link, outside the data roots",
        e.getMessage());
    local.requireInside(FIELD, mnt.resolve("emoji/a.png"));
    assertThrows(
        InvalidDatasetRefException.class,
        () -> kubernetes.requireInside(FIELD, mnt.resolve("emoji/a.png")),
        "a pod sees only the claim: a link into the worker's folder root leads nowhere there");
    DataRoots.unset()
        .resolve(FIELD, mnt + "/emoji", "local")
        .requireInside(FIELD, mnt.resolve("emoji/secret.png"));
  }

  @Test
  void resolve_unknownLauncher_namesTheChoices() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> roots.resolve(FIELD, root.toString(), "slurm"));
    assertEquals("launcher: 'slurm' is not one of [local, kubernetes]", e.getMessage());
  }
}
