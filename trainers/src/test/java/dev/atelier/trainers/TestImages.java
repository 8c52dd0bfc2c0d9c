package dev.atelier.trainers;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Small synthetic image folders, so tests need no data set. */
public final class TestImages {
  private TestImages() {}

  public static Path solidFolder(Path dir, int count, int size, Color colour) {
    try {
      Files.createDirectories(dir);
      for (int i = 0; i < count; i++) {
        write(
            solid(size, size, colour, BufferedImage.TYPE_INT_RGB), dir.resolve("img" + i + ".png"));
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static BufferedImage solid(int w, int h, Color colour, int type) {
    BufferedImage img = new BufferedImage(w, h, type);
    Graphics2D g = img.createGraphics();
    g.setColor(colour);
    g.fillRect(0, 0, w, h);
    g.dispose();
    return img;
  }

  public static void write(BufferedImage img, Path file) {
    try {
      Files.createDirectories(file.getParent());
      ImageIO.write(img, "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
