package dev.atelier.activities.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.activities.operators.OperatorActivitiesImpl;
import dev.atelier.workflows.activities.TaskCall;
import dev.atelier.workflows.data.DataRoots;
import io.temporal.failure.ApplicationFailure;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PrepareDataset on generated image folders; no MLflow is touched. */
class PrepareDatasetTest {
  @TempDir Path tmp;
  private final OperatorActivitiesImpl operators = new OperatorActivitiesImpl(null);

  private static TaskCall call(Object path) {
    Map<String, Object> args = new java.util.HashMap<>();
    args.put("path", path);
    args.put("image_size", 32);
    return new TaskCall("d", "r", "prepare_dataset", -1, 1, args, Map.of(), Map.of());
  }

  private static void png(Path file, Color color) throws IOException {
    Files.createDirectories(file.getParent());
    BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB);
    var g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, 8, 8);
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  @Test
  void prepareDataset_folderWithNestedImages_countsThemAndFingerprintsNamesAndSizes()
      throws IOException {
    png(tmp.resolve("a.png"), Color.RED);
    png(tmp.resolve("nested/b.PNG"), Color.GREEN);
    Files.createDirectories(tmp.resolve("nested"));
    BufferedImage rgb = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    ImageIO.write(rgb, "jpg", tmp.resolve("nested/c.jpeg").toFile());
    Files.writeString(tmp.resolve("README.txt"), "not an image");

    Map<String, Object> xcom = operators.prepareDataset(call(tmp.toString()));

    assertEquals(tmp.toAbsolutePath().toString(), xcom.get("path"));
    assertEquals(tmp.toAbsolutePath().toString(), xcom.get("local_path"));
    assertEquals(3, xcom.get("image_count"));
    assertEquals(32, xcom.get("image_size"));
    String fingerprint = (String) xcom.get("fingerprint");
    assertTrue(fingerprint.matches("[0-9a-f]{64}"), fingerprint);
    assertEquals(fingerprint, operators.prepareDataset(call(tmp.toString())).get("fingerprint"));

    png(tmp.resolve("nested/d.png"), Color.BLUE);
    String withD = (String) operators.prepareDataset(call(tmp.toString())).get("fingerprint");
    assertNotEquals(fingerprint, withD, "a new image is a new dataset version");
    assertEquals(
        ManifestReader.read(new FolderSource(tmp)).digest(),
        withD,
        "the fingerprint is the content digest a dataset version gets");
    byte[] before = Files.readAllBytes(tmp.resolve("nested/d.png"));
    byte[] after = before.clone();
    after[after.length - 20] ^= 1; // same size, other bytes
    Files.write(tmp.resolve("nested/d.png"), after);
    assertNotEquals(
        withD,
        operators.prepareDataset(call(tmp.toString())).get("fingerprint"),
        "an image rewritten at the same size is a new version");
  }

  @Test
  void prepareDataset_missingFolder_nonRetryableBadDataset() {
    String missing = tmp.resolve("nope").toString();

    var failure =
        assertThrows(ApplicationFailure.class, () -> operators.prepareDataset(call(missing)));

    assertEquals("dataset.path: '" + missing + "' does not exist", failure.getOriginalMessage());
    assertEquals("BadDataset", failure.getType());
    assertTrue(failure.isNonRetryable());
  }

  @Test
  void prepareDataset_folderWithoutImages_nonRetryableBadDataset() throws IOException {
    Files.writeString(tmp.resolve("notes.txt"), "no pictures here");

    var failure =
        assertThrows(
            ApplicationFailure.class, () -> operators.prepareDataset(call(tmp.toString())));

    assertEquals("dataset.path: '" + tmp + "' holds no images", failure.getOriginalMessage());
    assertTrue(failure.isNonRetryable());
  }

  @Test
  void prepareDataset_noPathArgument_namesTheArgument() {
    var failure =
        assertThrows(ApplicationFailure.class, () -> operators.prepareDataset(call(null)));

    assertEquals("dataset.path: null must be a folder path", failure.getOriginalMessage());
  }

  @Test
  void prepareDataset_folderOutsideTheDataRoots_nonRetryableBadDatasetNamingTheRoots()
      throws IOException {
    Path root = Files.createDirectories(tmp.toRealPath().resolve("root"));
    Path elsewhere = tmp.toRealPath().resolve("elsewhere");
    png(elsewhere.resolve("a.png"), Color.RED);
    var confined = new OperatorActivitiesImpl(null, DataRoots.parse(root.toString()), "local");

    var failure =
        assertThrows(
            ApplicationFailure.class, () -> confined.prepareDataset(call(elsewhere.toString())));

    assertEquals(
        "dataset.path: '"
            + elsewhere
            + "' is not under a data root (ATELIER_DATA_ROOTS: "
            + root
            + ")",
        failure.getOriginalMessage());
    assertEquals("BadDataset", failure.getType());
    assertTrue(failure.isNonRetryable());
  }

  @Test
  void prepareDataset_imageLinkedOutOfTheDataRoots_nonRetryableBadDataset() throws IOException {
    Path root = Files.createDirectories(tmp.toRealPath().resolve("root"));
    Path secret = tmp.toRealPath().resolve("private/secret.png");
    png(root.resolve("set/a.png"), Color.RED);
    png(secret, Color.BLACK);
    Files.createSymbolicLink(root.resolve("set/b.png"), secret);
    var confined = new OperatorActivitiesImpl(null, DataRoots.parse(root.toString()), "local");

    var failure =
        assertThrows(ApplicationFailure.class, () -> confined.prepareDataset(call(root + "/set")));

    assertEquals(
        "dataset.path: '"
            + root
            + "/set' holds 'b.png', which leads to '"
            + secret
            + "' through a symbolic link, outside the data roots",
        failure.getOriginalMessage());
    assertTrue(failure.isNonRetryable());
    assertEquals(
        2,
        operators.prepareDataset(call(root + "/set")).get("image_count"),
        "without data roots, a link is followed like any image");
  }

  @Test
  void prepareDataset_kubernetesLauncher_trialsGetTheClaimTheWorkerScansItsMount()
      throws IOException {
    Path mount = tmp.toRealPath().resolve("mnt");
    png(mount.resolve("emoji/a.png"), Color.RED);
    var kubernetes =
        new OperatorActivitiesImpl(
            null, DataRoots.parse("pvc://datasets=" + mount + ", pvc://remote"), "kubernetes");

    Map<String, Object> byPath = kubernetes.prepareDataset(call(mount + "/emoji"));
    Map<String, Object> byClaim = kubernetes.prepareDataset(call("pvc://datasets/emoji"));

    assertEquals("pvc://datasets/emoji", byPath.get("path"));
    assertEquals(mount.resolve("emoji").toString(), byPath.get("local_path"));
    assertEquals(1, byPath.get("image_count"));
    assertEquals(byPath, byClaim);
    var failure =
        assertThrows(
            ApplicationFailure.class, () -> kubernetes.prepareDataset(call("pvc://remote/emoji")));
    assertEquals(
        "dataset.path: 'pvc://remote/emoji': claim 'remote' is not mounted on the worker, which"
            + " has to read the dataset; give its mount in ATELIER_DATA_ROOTS as"
            + " pvc://remote=<folder>",
        failure.getOriginalMessage());
    assertTrue(failure.isNonRetryable());
  }
}
