package dev.atelier.trainers.sr;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Side-by-side pictures: for each image, one tile per column set (e.g. low-res enlarged | SR |
 * ground truth), the groups laid out in a roughly square grid, with dark gaps between tiles and
 * wider ones between groups. Input is CHW floats in [-1, 1], every set the same tile size.
 */
final class Sheet {
  private static final int GAP = 2;
  private static final int GROUP_GAP = 8;
  private static final Color BACKGROUND = new Color(0x30, 0x30, 0x30);

  private Sheet() {}

  static BufferedImage render(float[][] sets, int count, int size) {
    return render(sets, count, size, size);
  }

  /**
   * @param sets each holds {@code count} CHW images of {@code tileW} x {@code tileH}
   */
  static BufferedImage render(float[][] sets, int count, int tileW, int tileH) {
    int k = sets.length;
    double aspect = k * tileW / (double) tileH;
    int columns = Math.max(1, (int) Math.round(Math.sqrt(count / aspect)));
    int rows = (count + columns - 1) / columns;
    int groupW = k * tileW + (k - 1) * GAP;
    int w = columns * groupW + (columns + 1) * GROUP_GAP;
    int h = rows * tileH + (rows + 1) * GROUP_GAP;
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(BACKGROUND);
    g.fillRect(0, 0, w, h);
    g.dispose();
    for (int i = 0; i < count; i++) {
      int gx = GROUP_GAP + (i % columns) * (groupW + GROUP_GAP);
      int gy = GROUP_GAP + (i / columns) * (tileH + GROUP_GAP);
      for (int s = 0; s < k; s++) {
        draw(out, sets[s], i, tileW, tileH, gx + s * (tileW + GAP), gy);
      }
    }
    return out;
  }

  static byte[] png(float[][] sets, int count, int size) {
    return png(render(sets, count, size));
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

  /** One CHW image as an RGB picture. */
  static BufferedImage image(float[] chw, int index, int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int plane = w * h;
    int base = index * 3 * plane;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = base + y * w + x;
        img.setRGB(x, y, rgb(chw[i], chw[i + plane], chw[i + 2 * plane]));
      }
    }
    return img;
  }

  private static void draw(
      BufferedImage out, float[] chw, int index, int w, int h, int ox, int oy) {
    int plane = w * h;
    int base = index * 3 * plane;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = base + y * w + x;
        out.setRGB(ox + x, oy + y, rgb(chw[i], chw[i + plane], chw[i + 2 * plane]));
      }
    }
  }

  private static int rgb(float r, float g, float b) {
    return (byte8(r) << 16) | (byte8(g) << 8) | byte8(b);
  }

  static int byte8(float v) {
    if (Float.isNaN(v)) {
      return 0;
    }
    return Math.max(0, Math.min(255, Math.round((v + 1f) * 127.5f)));
  }
}
