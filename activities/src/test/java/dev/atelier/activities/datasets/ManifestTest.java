package dev.atelier.activities.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
  @TempDir Path dir;

  private Manifest read() {
    return ManifestReader.read(new FolderSource(dir));
  }

  @Test
  void digest_isSha256OverSortedPathShaSizeLines() throws Exception {
    TestImages.png(dir.resolve("cats/a.png"), 1, 32);
    TestImages.png(dir.resolve("dogs/b.png"), 2, 32);
    Manifest m = read();
    String expected =
        Sha256.ofLines(
            List.of(
                "cats/a.png\t"
                    + Sha256.of(Files.readAllBytes(dir.resolve("cats/a.png")))
                    + "\t"
                    + Files.size(dir.resolve("cats/a.png")),
                "dogs/b.png\t"
                    + Sha256.of(Files.readAllBytes(dir.resolve("dogs/b.png")))
                    + "\t"
                    + Files.size(dir.resolve("dogs/b.png"))));
    assertEquals(expected, m.digest());
    assertEquals(64, m.digest().length());
    assertEquals(Map.of("cats", 1, "dogs", 1), m.classes());
    assertEquals(
        Files.size(dir.resolve("cats/a.png")) + Files.size(dir.resolve("dogs/b.png")), m.bytes());
  }

  @Test
  void sameSizeRewrite_changesTheDigest_touchDoesNot() throws Exception {
    Path a = dir.resolve("a.png");
    Files.write(a, new byte[] {1, 2, 3, 4});
    Manifest before = read();

    Files.setLastModifiedTime(a, FileTime.fromMillis(1_000_000));
    assertEquals(before.digest(), read().digest(), "a touched file is the same content");

    Files.write(a, new byte[] {1, 2, 3, 5});
    Manifest after = read();
    assertEquals(before.files().get(0).size(), after.files().get(0).size());
    assertNotEquals(before.digest(), after.digest(), "same size, other bytes");
    assertEquals(List.of("a.png"), ManifestDiff.between(before, after).modified());
  }

  @Test
  void diff_namesAddedRemovedModified() throws Exception {
    TestImages.png(dir.resolve("keep.png"), 1, 32);
    TestImages.png(dir.resolve("gone.png"), 2, 32);
    TestImages.png(dir.resolve("edit.png"), 3, 32);
    Manifest before = read();
    Files.delete(dir.resolve("gone.png"));
    TestImages.png(dir.resolve("edit.png"), 4, 32);
    TestImages.png(dir.resolve("new/one.png"), 5, 32);

    ManifestDiff diff = ManifestDiff.between(before, read());
    assertEquals(List.of("new/one.png"), diff.added());
    assertEquals(List.of("gone.png"), diff.removed());
    assertEquals(List.of("edit.png"), diff.modified());
    assertEquals(3, ManifestDiff.between(null, before).added().size(), "first version: all added");
  }

  @Test
  void listingDigest_seesTouches_andSkipsNonImages() throws Exception {
    Path a = TestImages.png(dir.resolve("a.png"), 1, 32);
    Files.writeString(dir.resolve("notes.txt"), "not an image");
    List<SourceFile> listing = new FolderSource(dir).list();
    assertEquals(List.of("a.png"), listing.stream().map(SourceFile::path).toList());
    String before = ListingDigest.of(listing);
    Files.setLastModifiedTime(a, FileTime.fromMillis(1_000_000));
    assertNotEquals(before, ListingDigest.of(new FolderSource(dir).list()));
  }

  @Test
  void missingFolder_isBadDatasetNamingThePath() {
    BadDatasetException e =
        assertThrows(BadDatasetException.class, () -> new FolderSource(dir.resolve("nope")).list());
    assertTrue(e.getMessage().startsWith("path: '" + dir.resolve("nope") + "'"), e.getMessage());
  }

  @Test
  void folderUri_isFileUriWithoutTrailingSlash() {
    assertEquals("file://" + dir.toAbsolutePath(), new FolderSource(dir).uri());
  }
}
