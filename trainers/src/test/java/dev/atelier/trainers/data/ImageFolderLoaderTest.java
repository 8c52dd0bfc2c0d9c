package dev.atelier.trainers.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.trainers.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderLoaderTest {
  @TempDir Path tmp;

  /** The RGB of pixel (x, y) of image k, back in 0..255. */
  private static int[] rgb(ImageDataset d, int k, int x, int y) {
    int plane = d.size() * d.size();
    int i = k * d.imageLength() + y * d.size() + x;
    int[] out = new int[3];
    for (int c = 0; c < 3; c++) {
      out[c] = Math.round((d.pixels()[i + c * plane] + 1f) * 127.5f);
    }
    return out;
  }

  @Test
  void transparentPixelsTakeTheBackgroundColour() {
    BufferedImage img =
        TestImages.solid(64, 64, new Color(0, 0, 0, 0), BufferedImage.TYPE_INT_ARGB);
    TestImages.write(img, tmp.resolve("a/clear.png"));
    ImageDataset d = ImageFolderLoader.load(tmp, 32, 0x00ff80);
    assertEquals(1, d.count());
    assertArrayEquals(new int[] {0, 255, 128}, rgb(d, 0, 5, 5));
  }

  @Test
  void greyImagesBecomeRgbAndFoldersAreSearchedRecursively() {
    BufferedImage grey =
        TestImages.solid(32, 32, new Color(100, 100, 100), BufferedImage.TYPE_BYTE_GRAY);
    TestImages.write(grey, tmp.resolve("deep/er/grey.png"));
    ImageDataset d = ImageFolderLoader.load(tmp, 32, 0xffffff);
    assertEquals(1, d.count());
    assertArrayEquals(new int[] {100, 100, 100}, rgb(d, 0, 0, 0));
  }

  @Test
  void wideImagesAreCentreCroppedThenResized() {
    // 96x32: red | green | blue thirds; the centre square is the green third.
    BufferedImage wide = new BufferedImage(96, 32, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < 96; x++) {
      for (int y = 0; y < 32; y++) {
        wide.setRGB(x, y, x < 32 ? 0xff0000 : x < 64 ? 0x00ff00 : 0x0000ff);
      }
    }
    TestImages.write(wide, tmp.resolve("wide.png"));
    ImageDataset d = ImageFolderLoader.load(tmp, 16, 0xffffff);
    assertEquals(16, d.size());
    assertArrayEquals(new int[] {0, 255, 0}, rgb(d, 0, 0, 8));
    assertArrayEquals(new int[] {0, 255, 0}, rgb(d, 0, 15, 8));
  }

  @Test
  void unreadableFilesAreSkippedAndCounted() throws Exception {
    TestImages.solidFolder(tmp, 3, 32, Color.RED);
    Files.writeString(tmp.resolve("broken.png"), "not a png");
    ImageDataset d = ImageFolderLoader.load(tmp, 32, 0xffffff);
    assertEquals(3, d.count());
    assertEquals(1, d.skipped());
    assertEquals(3 * d.imageLength(), d.pixels().length);
    assertArrayEquals(new int[] {255, 0, 0}, rgb(d, 2, 31, 31));
  }
}
