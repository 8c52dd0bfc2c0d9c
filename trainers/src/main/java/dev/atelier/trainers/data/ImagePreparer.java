package dev.atelier.trainers.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Brings one decoded image to the model's input: composited on the background (so RGBA emoji keep
 * their look instead of turning black where transparent), grey promoted to RGB, centre-cropped to a
 * square, resized, and written as CHW floats in [-1, 1].
 */
public final class ImagePreparer {
  private final int size;
  private final int background;

  public ImagePreparer(int size, int background) {
    this.size = size;
    this.background = background;
  }

  public void prepare(BufferedImage source, float[] out, int offset) {
    BufferedImage square = flattenCropped(source);
    BufferedImage sized = resize(square);
    int plane = size * size;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int rgb = sized.getRGB(x, y);
        int i = offset + y * size + x;
        out[i] = ((rgb >> 16) & 0xff) / 127.5f - 1f;
        out[i + plane] = ((rgb >> 8) & 0xff) / 127.5f - 1f;
        out[i + 2 * plane] = (rgb & 0xff) / 127.5f - 1f;
      }
    }
  }

  private BufferedImage flattenCropped(BufferedImage src) {
    int side = Math.min(src.getWidth(), src.getHeight());
    int x0 = (src.getWidth() - side) / 2;
    int y0 = (src.getHeight() - side) / 2;
    BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(new Color(background));
      g.fillRect(0, 0, side, side);
      // Drawing converts any colour model (grey, palette, 16-bit) and blends alpha over the fill.
      g.drawImage(src, -x0, -y0, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** Halves while it can, then one bilinear step: a single bilinear jump would alias. */
  private BufferedImage resize(BufferedImage img) {
    BufferedImage cur = img;
    while (cur.getWidth() / 2 >= size) {
      cur = scaled(cur, cur.getWidth() / 2);
    }
    return cur.getWidth() == size ? cur : scaled(cur, size);
  }

  private static BufferedImage scaled(BufferedImage img, int side) {
    BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(img, 0, 0, side, side, null);
    } finally {
      g.dispose();
    }
    return out;
  }
}
