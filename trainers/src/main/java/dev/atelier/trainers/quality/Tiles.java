package dev.atelier.trainers.quality;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Draws NCHW [-1, 1] images into pictures (the same pixel mapping as image.SampleGrid), with an
 * integer nearest-neighbour scale so 32-pixel images stay legible.
 */
final class Tiles {
  /** The gap between a sample and its neighbours, and the page around them. */
  static final int BACKGROUND = 0x202020;

  private Tiles() {}

  static BufferedImage canvas(int width, int height) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        img.setRGB(x, y, BACKGROUND);
      }
    }
    return img;
  }

  /** Image {@code index} of {@code nchw} drawn with its top-left corner at (ox, oy). */
  static void draw(
      BufferedImage canvas, float[] nchw, int index, int size, int ox, int oy, int scale) {
    int plane = size * size;
    int base = index * 3 * plane;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int i = base + y * size + x;
        int rgb =
            (byte8(nchw[i]) << 16) | (byte8(nchw[i + plane]) << 8) | byte8(nchw[i + 2 * plane]);
        for (int dy = 0; dy < scale; dy++) {
          for (int dx = 0; dx < scale; dx++) {
            canvas.setRGB(ox + x * scale + dx, oy + y * scale + dy, rgb);
          }
        }
      }
    }
  }

  static byte[] png(BufferedImage img) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The scale that makes a tile at least {@code min} pixels wide. */
  static int scaleFor(int size, int min) {
    return Math.max(1, (min + size - 1) / size);
  }

  private static int byte8(float v) {
    if (Float.isNaN(v)) {
      return 0;
    }
    return Math.max(0, Math.min(255, Math.round((v + 1f) * 127.5f)));
  }
}
