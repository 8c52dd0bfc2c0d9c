package dev.atelier.activities.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contact sheet of a version with many groups stays a readable size: ten groups of a section
 * are drawn and the rest counted, a group wider than a row is cut, and long names are shortened in
 * the middle so the file name stays visible.
 */
class CurationSheetTest {
  @TempDir Path dir;

  @Test
  void manyDuplicateGroups_tenDrawnTheRestCounted() throws Exception {
    for (int i = 0; i < 25; i++) {
      Path a =
          TestImages.png(dir.resolve("faces/a-rather-long-name-for-image-" + i + ".png"), i, 48);
      Files.copy(a, dir.resolve("faces/copy-" + i + ".png"));
    }
    Path wide = TestImages.png(dir.resolve("hats/h.png"), 99, 48);
    for (int k = 0; k < 11; k++) {
      Files.copy(wide, dir.resolve("hats/h-copy-" + k + ".png"));
    }
    Manifest manifest = ManifestReader.read(new FolderSource(dir));
    CurationRules rules = new CurationRules(16, 1, 4);
    CurationReport report = Curation.of(manifest, rules);
    assertEquals(26, report.exactDuplicates().size());

    byte[] png =
        CurationSheet.png(
            new VersionCuration("faces", 7, dir, manifest, rules, report, true, false));

    BufferedImage sheet = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(CurationSheet.WIDTH, sheet.getWidth());
    assertTrue(sheet.getHeight() < 2000, "ten rows of duplicates, not 26: " + sheet.getHeight());
    Files.write(Path.of(System.getProperty("java.io.tmpdir"), "atelier-curation-many.png"), png);
  }

  @Test
  void middle_keepsBothEndsOfAName() {
    assertEquals("faces/…-12.png", CurationSheet.middle("faces/a-rather-long-name-12.png", 14));
    assertEquals("3 extra copies", CurationSheet.count(3, "extra copy"));
    assertEquals("1 small class", CurationSheet.count(1, "small class"));
    assertEquals("2 small classes", CurationSheet.count(2, "small class"));
  }
}
