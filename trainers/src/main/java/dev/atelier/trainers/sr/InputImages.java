package dev.atelier.trainers.sr;

import dev.atelier.trainers.data.ImageDecoder;
import dev.atelier.trainers.data.ImageFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The images {@code upscale} enlarges from a folder: each at its own size (not cropped or resized:
 * the generator is convolutional), composited on the background colour, as CHW floats in [-1, 1].
 * Files that do not decode (see {@link ImageDecoder}) or are larger than {@link #MAX_SIDE} are
 * skipped, each with a reason.
 */
final class InputImages {
  /** 4x of 256 is 1024: larger inputs would need gigabytes of activations on a CPU. */
  static final int MAX_SIDE = 256;

  private InputImages() {}

  record Image(String name, float[] chw, int w, int h) {}

  record Loaded(List<Image> images, List<String> skipped) {}

  static Loaded load(Path dir, int background) {
    List<Image> images = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Path file : ImageFiles.under(dir)) {
      String rel = dir.relativize(file).toString();
      BufferedImage img = ImageDecoder.read(file);
      if (img == null) {
        skipped.add(rel + ": cannot be decoded as an image");
      } else if (img.getWidth() > MAX_SIDE || img.getHeight() > MAX_SIDE) {
        skipped.add(
            rel
                + ": "
                + img.getWidth()
                + "x"
                + img.getHeight()
                + " is larger than "
                + MAX_SIDE
                + " px on a side");
      } else {
        images.add(new Image(rel, chw(img, background), img.getWidth(), img.getHeight()));
      }
    }
    return new Loaded(images, skipped);
  }

  private static float[] chw(BufferedImage src, int background) {
    int w = src.getWidth();
    int h = src.getHeight();
    BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    try {
      g.setColor(new Color(background));
      g.fillRect(0, 0, w, h);
      g.drawImage(src, 0, 0, null); // converts any colour model, blends alpha over the fill
    } finally {
      g.dispose();
    }
    int plane = w * h;
    float[] out = new float[3 * plane];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = rgb.getRGB(x, y);
        out[y * w + x] = ((p >> 16) & 0xff) / 127.5f - 1f;
        out[plane + y * w + x] = ((p >> 8) & 0xff) / 127.5f - 1f;
        out[2 * plane + y * w + x] = (p & 0xff) / 127.5f - 1f;
      }
    }
    return out;
  }
}
