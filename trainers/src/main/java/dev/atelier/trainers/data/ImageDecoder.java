package dev.atelier.trainers.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes one image file, or says it cannot. {@code ImageIO.read} alone is not enough: a truncated
 * JPEG decodes "successfully", with a warning and the missing part grey, which would put broken
 * images into training. Any decoder warning therefore rejects the file.
 */
public final class ImageDecoder {
  private ImageDecoder() {}

  /** The image, or null when the file is unreadable, not an image, truncated or corrupt. */
  public static BufferedImage read(Path file) {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        return null;
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return null;
      }
      ImageReader reader = readers.next();
      try {
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        reader.setInput(in, true, true);
        BufferedImage img = reader.read(0);
        return warnings.isEmpty() ? img : null;
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
