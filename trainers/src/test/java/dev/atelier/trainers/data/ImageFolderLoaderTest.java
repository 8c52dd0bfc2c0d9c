package dev.atelier.trainers.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.trainers.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
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

  private static byte[] encode(BufferedImage img, String format) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(img, format, out);
    return out.toByteArray();
  }

  /** A noisy image: a truncated file of it cannot be mistaken for a blank one. */
  private static BufferedImage noisy(int size) {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    java.util.Random r = new java.util.Random(1);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        img.setRGB(x, y, r.nextInt(0xffffff));
      }
    }
    return img;
  }

  @Test
  void truncatedPngsAndJpegsAreSkippedAndCounted() throws Exception {
    TestImages.solidFolder(tmp, 2, 32, Color.RED);
    byte[] png = encode(noisy(64), "png");
    byte[] jpg = encode(noisy(64), "jpg");
    Files.write(tmp.resolve("cut.png"), java.util.Arrays.copyOf(png, png.length / 2));
    Files.write(tmp.resolve("cut.jpg"), java.util.Arrays.copyOf(jpg, jpg.length / 2));
    Files.write(tmp.resolve("empty.jpeg"), new byte[0]);
    ImageDataset d = ImageFolderLoader.load(tmp, 32, 0xffffff);
    assertEquals(2, d.count());
    assertEquals(3, d.skipped());
  }

  @Test
  void halfTransparentPixelsAreBlendedWithTheBackground() {
    BufferedImage img =
        TestImages.solid(32, 32, new Color(255, 0, 0, 128), BufferedImage.TYPE_INT_ARGB);
    TestImages.write(img, tmp.resolve("half.png"));
    ImageDataset d = ImageFolderLoader.load(tmp, 32, 0x0000ff);
    int[] rgb = rgb(d, 0, 10, 10);
    // 128/255 red over blue.
    assertEquals(128, rgb[0], 1);
    assertEquals(0, rgb[1]);
    assertEquals(127, rgb[2], 1);
  }

  @Test
  void tallImagesAreCentreCroppedAndLargeOnesAveragedDown() {
    // 128x384: red | green | blue bands from top to bottom; the centre square is green.
    BufferedImage tall = new BufferedImage(128, 384, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 384; y++) {
      for (int x = 0; x < 128; x++) {
        tall.setRGB(x, y, y < 128 ? 0xff0000 : y < 256 ? 0x00ff00 : 0x0000ff);
      }
    }
    // A one-pixel checkerboard in the green square's middle averages to grey when shrunk 4x.
    for (int y = 176; y < 208; y++) {
      for (int x = 48; x < 80; x++) {
        tall.setRGB(x, y, ((x + y) & 1) == 0 ? 0xffffff : 0x000000);
      }
    }
    TestImages.write(tall, tmp.resolve("tall.png"));
    ImageDataset d = ImageFolderLoader.load(tmp, 32, 0xffffff);
    assertArrayEquals(new int[] {0, 255, 0}, rgb(d, 0, 2, 2));
    assertArrayEquals(new int[] {0, 255, 0}, rgb(d, 0, 29, 29));
    int[] mid = rgb(d, 0, 15, 15);
    for (int c = 0; c < 3; c++) {
      assertEquals(128, mid[c], 3, "channel " + c + " of the checkerboard");
    }
  }

  @Test
  void filesTheExcludeSetNamesAreNotLoadedAndUnknownPathsAreIgnored() {
    TestImages.write(
        TestImages.solid(32, 32, Color.RED, BufferedImage.TYPE_INT_RGB), tmp.resolve("a/red.png"));
    TestImages.write(
        TestImages.solid(32, 32, Color.BLUE, BufferedImage.TYPE_INT_RGB),
        tmp.resolve("a/blue-copy.png"));
    TestImages.write(
        TestImages.solid(32, 32, Color.GREEN, BufferedImage.TYPE_INT_RGB),
        tmp.resolve("b/green.png"));

    ImageDataset d =
        ImageFolderLoader.load(tmp, 32, 0xffffff, Set.of("a/blue-copy.png", "gone/never.png"));

    assertEquals(2, d.count(), "red and green only");
    assertEquals(1, d.excluded());
    assertEquals(0, d.skipped());
    assertArrayEquals(new int[] {255, 0, 0}, rgb(d, 0, 3, 3), "a/red.png first");
    assertArrayEquals(new int[] {0, 255, 0}, rgb(d, 1, 3, 3), "then b/green.png, no blue");
    assertEquals(java.util.List.of("a", "b"), d.classNames());
  }
}
