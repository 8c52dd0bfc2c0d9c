package dev.atelier.trainers.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Lays images out as an 8x8 grid of tiles without gaps, row by row; tiles past the last image stay
 * black. Input is CHW floats in [-1, 1], the generator's output range.
 */
public final class SampleGrid {
  public static final int SIDE = 8;

  private SampleGrid() {}

  public static BufferedImage render(float[] chw, int count, int size) {
    BufferedImage grid = new BufferedImage(SIDE * size, SIDE * size, BufferedImage.TYPE_INT_RGB);
    int plane = size * size;
    int n = Math.min(count, SIDE * SIDE);
    for (int k = 0; k < n; k++) {
      int ox = (k % SIDE) * size;
      int oy = (k / SIDE) * size;
      int base = k * 3 * plane;
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          int i = base + y * size + x;
          int rgb =
              (byte8(chw[i]) << 16) | (byte8(chw[i + plane]) << 8) | byte8(chw[i + 2 * plane]);
          grid.setRGB(ox + x, oy + y, rgb);
        }
      }
    }
    return grid;
  }

  public static byte[] png(float[] chw, int count, int size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(render(chw, count, size), "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static int byte8(float v) {
    if (Float.isNaN(v)) {
      return 0;
    }
    return Math.max(0, Math.min(255, Math.round((v + 1f) * 127.5f)));
  }
}
