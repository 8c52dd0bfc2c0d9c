package dev.atelier.trainers.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class SampleGridTest {
  @Test
  void sixtyFourImagesMakeAnEightByEightGridOfFullSizeTiles() throws Exception {
    int size = 32;
    int len = 3 * size * size;
    float[] chw = new float[64 * len];
    // Image k is pure red when k is even, pure blue when odd.
    for (int k = 0; k < 64; k++) {
      for (int p = 0; p < size * size; p++) {
        chw[k * len + p] = k % 2 == 0 ? 1f : -1f;
        chw[k * len + size * size + p] = -1f;
        chw[k * len + 2 * size * size + p] = k % 2 == 0 ? -1f : 1f;
      }
    }
    BufferedImage png = ImageIO.read(new ByteArrayInputStream(SampleGrid.png(chw, 64, size)));
    assertEquals(8 * size, png.getWidth());
    assertEquals(8 * size, png.getHeight());
    assertEquals(0xff0000, png.getRGB(0, 0) & 0xffffff); // tile 0, first pixel
    assertEquals(0xff0000, png.getRGB(size - 1, size - 1) & 0xffffff); // tile 0, last pixel
    assertEquals(0x0000ff, png.getRGB(size, 0) & 0xffffff); // tile 1
    assertEquals(0x0000ff, png.getRGB(8 * size - 1, 8 * size - 1) & 0xffffff); // tile 63
  }
}
