package dev.atelier.activities.datasets;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes an image with the JDK's ImageIO and says whether it can be trained on: a format no reader
 * knows, or a decoder error, is unreadable; a decoder that warns (a JPEG that ends early and is
 * filled in grey) is truncated.
 */
final class ImageProbe {
  /** What decoding found; {@code problem} is null for a good image. */
  record Facts(Long dhash, int width, int height, String problem) {}

  private ImageProbe() {}

  static Facts probe(byte[] bytes) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return bad("unreadable: no image format recognised");
      }
      ImageReader reader = readers.next();
      List<String> warnings = new ArrayList<>();
      reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
      try {
        reader.setInput(in, true, true);
        BufferedImage image = reader.read(0);
        if (!warnings.isEmpty()) {
          return new Facts(
              null, image.getWidth(), image.getHeight(), "truncated: " + warnings.get(0));
        }
        return new Facts(DHash.of(image), image.getWidth(), image.getHeight(), null);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return bad("unreadable: " + why);
    }
  }

  private static Facts bad(String problem) {
    return new Facts(null, 0, 0, problem);
  }
}
