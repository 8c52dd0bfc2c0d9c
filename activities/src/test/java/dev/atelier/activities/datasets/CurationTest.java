package dev.atelier.activities.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurationTest {
  @TempDir Path dir;

  private CurationReport curate(CurationRules rules) {
    return Curation.of(ManifestReader.read(new FolderSource(dir)), rules);
  }

  @Test
  void distinctImages_areAllUsable() throws Exception {
    for (int i = 0; i < 10; i++) {
      TestImages.png(dir.resolve("c/" + i + ".png"), i, 32);
    }
    CurationReport r = curate(CurationRules.DEFAULTS);
    assertEquals(10, r.usable());
    assertEquals(0, r.nearDuplicates().size(), r.nearDuplicates().toString());
    assertEquals(0, r.exactDuplicateCount());
  }

  @Test
  void exactCopy_isOneDuplicate_notAlsoANearOne() throws Exception {
    Path a = TestImages.png(dir.resolve("c/a.png"), 1, 32);
    TestImages.png(dir.resolve("c/b.png"), 2, 32);
    Files.copy(a, dir.resolve("c/copy.png"));
    CurationReport r = curate(CurationRules.DEFAULTS);
    assertEquals(List.of(List.of("c/a.png", "c/copy.png")), r.exactDuplicates());
    assertEquals(1, r.counts().get("exact_duplicates"));
    assertEquals(0, r.counts().get("near_duplicates"));
    assertEquals(2, r.usable());
  }

  @Test
  void reEncodedOrResized_isANearDuplicate() throws Exception {
    Path a = TestImages.png(dir.resolve("c/a.png"), 1, 64);
    BufferedImage original = ImageIO.read(a.toFile());
    BufferedImage bigger = new BufferedImage(96, 96, BufferedImage.TYPE_INT_RGB);
    bigger.createGraphics().drawImage(original, 0, 0, 96, 96, null);
    ImageIO.write(bigger, "jpg", dir.resolve("c/a-big.jpg").toFile());
    TestImages.png(dir.resolve("c/other.png"), 2, 64);

    CurationReport r = curate(CurationRules.DEFAULTS);
    // In path order a-big.jpg comes first, so a.png is the one that looks like an earlier image.
    assertEquals(List.of("c/a.png"), List.copyOf(r.nearDuplicates().keySet()));
    assertEquals("c/a-big.jpg", r.nearDuplicates().get("c/a.png").of());
    assertTrue(r.nearDuplicates().get("c/a.png").distance() <= 4);
    assertEquals(3, r.usable(), "near duplicates are reported, not taken out");
  }

  @Test
  void truncatedAndGarbage_areRejectedWithReasons() throws Exception {
    Path a = TestImages.png(dir.resolve("c/a.png"), 1, 32);
    byte[] bytes = Files.readAllBytes(a);
    Files.write(dir.resolve("c/half.png"), Arrays.copyOf(bytes, bytes.length / 2));
    Files.writeString(dir.resolve("c/text.jpg"), "not a jpeg at all");

    CurationReport r = curate(CurationRules.DEFAULTS);
    assertEquals(1, r.usable());
    assertEquals(2, r.unreadable() + r.truncated());
    assertTrue(
        r.rejected().get("c/half.png").matches("(unreadable|truncated): .+"),
        r.rejected().toString());
    assertTrue(r.rejected().get("c/text.jpg").startsWith("unreadable: "), r.rejected().toString());
  }

  @Test
  void smallImagesAndSmallClasses_followTheRules() throws Exception {
    TestImages.png(dir.resolve("big/a.png"), 1, 32);
    TestImages.png(dir.resolve("big/b.png"), 2, 32);
    TestImages.png(dir.resolve("big/c.png"), 3, 32);
    TestImages.png(dir.resolve("tiny/d.png"), 4, 8);

    CurationReport r = curate(new CurationRules(16, 2, 4));
    assertEquals(1, r.tooSmall());
    assertEquals("too small: 8×8 is below the minimum 16 px", r.rejected().get("tiny/d.png"));
    assertEquals(Map.of("tiny", 1), r.smallClasses());
    assertEquals(3, r.usable());
  }
}
