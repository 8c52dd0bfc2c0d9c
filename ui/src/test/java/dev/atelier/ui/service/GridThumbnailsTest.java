package dev.atelier.ui.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * A 512 px grid of 64 px tiles shrinks to 256 px with each tile whole: 32 px of its colour; the
 * same shrink serves the datasets page's thumbnails.
 */
class GridThumbnailsTest {
  @Test
  void aWideGrid_isBoxAveragedByAWholeFactor_tilesStayWhole() throws Exception {
    BufferedImage grid = new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 512; y++) {
      for (int x = 0; x < 512; x++) {
        grid.setRGB(x, y, ((x / 64) * 30) << 16 | ((y / 64) * 30) << 8 | (x % 2 == 0 ? 200 : 100));
      }
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(grid, "png", png);
    BufferedImage small =
        ImageIO.read(new ByteArrayInputStream(GridThumbnails.shrink(png.toByteArray(), 256)));
    assertEquals(256, small.getWidth());
    assertEquals(256, small.getHeight());
    assertEquals(
        (3 * 30) << 16 | (5 * 30) << 8 | 150, small.getRGB(3 * 32 + 31, 5 * 32) & 0xffffff);
  }

  @Test
  void aGridAlreadyNarrow_isServedAsItIs() throws Exception {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB), "png", png);
    assertArrayEquals(png.toByteArray(), GridThumbnails.shrink(png.toByteArray(), 256));
  }

  /** A dataset image with transparency (an emoji) keeps it: alpha is averaged like colour. */
  @Test
  void transparency_isAveragedToo() {
    BufferedImage emoji = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
    for (int x = 0; x < 32; x++) {
      for (int y = 0; y < 64; y++) {
        emoji.setRGB(x, y, 0xffff0000);
      }
    }
    BufferedImage small = GridThumbnails.shrink(emoji, 16);
    assertEquals(16, small.getWidth());
    assertEquals(0xffff0000, small.getRGB(0, 0), "opaque red stays opaque red");
    assertEquals(0, small.getRGB(15, 15) >>> 24, "transparent stays transparent");
  }
}
