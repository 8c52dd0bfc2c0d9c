package dev.atelier.activities.datasets;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** PNGs of random blocks: each seed looks unlike every other, so none is a near duplicate. */
public final class TestImages {
  private TestImages() {}

  public static Path png(Path file, int seed, int size) throws IOException {
    Files.createDirectories(file.getParent());
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    Random r = new Random(seed);
    int cell = Math.max(1, size / 8);
    for (int y = 0; y < size; y += cell) {
      for (int x = 0; x < size; x += cell) {
        g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
        g.fillRect(x, y, cell, cell);
      }
    }
    g.dispose();
    ImageIO.write(img, "png", file.toFile());
    return file;
  }
}
