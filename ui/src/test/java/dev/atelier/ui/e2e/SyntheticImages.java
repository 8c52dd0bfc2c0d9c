package dev.atelier.ui.e2e;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Small RGBA PNGs like the emoji set: a coloured disc on a transparent background. */
final class SyntheticImages {
  private SyntheticImages() {}

  static void write(Path dir, int count) throws IOException {
    java.nio.file.Files.createDirectories(dir);
    Random random = new Random(7);
    for (int i = 0; i < count; i++) {
      BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB);
      Graphics2D g = img.createGraphics();
      g.setColor(new Color(random.nextInt(256), random.nextInt(256), 64));
      int r = 8 + random.nextInt(8);
      g.fillOval(16 - r, 16 - r, 2 * r, 2 * r);
      g.dispose();
      ImageIO.write(img, "png", dir.resolve(String.format("img%03d.png", i)).toFile());
    }
  }
}
