package dev.atelier.trainers.sr;

import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.spec.DatasetSpec;
import dev.atelier.trainers.spec.ProbeSpec;
import dev.atelier.trainers.spec.SrHyperparams;
import dev.atelier.trainers.spec.SrParsedSpec;
import dev.atelier.trainers.spec.SrSpecParser;
import dev.atelier.trainers.spec.SrTrialSpec;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Generated smooth images (a few low-frequency colour waves each): detail that a 4x area
 * downsampling keeps enough of for an SR network to restore better than nearest-neighbour
 * enlargement, with no data set needed.
 */
final class SmoothImages {
  private SmoothImages() {}

  static ImageDataset dataset(int count, int size, long seed) {
    Random r = new Random(seed);
    int plane = size * size;
    float[] px = new float[count * 3 * plane];
    for (int k = 0; k < count; k++) {
      for (int c = 0; c < 3; c++) {
        double fx = (r.nextDouble() * 2 - 1) * 2.5 * Math.PI / size;
        double fy = (r.nextDouble() * 2 - 1) * 2.5 * Math.PI / size;
        double phase = r.nextDouble() * 2 * Math.PI;
        double amp = 0.5 + 0.4 * r.nextDouble();
        for (int y = 0; y < size; y++) {
          for (int x = 0; x < size; x++) {
            px[(k * 3 + c) * plane + y * size + x] =
                (float) (amp * Math.sin(fx * x + fy * y + phase));
          }
        }
      }
    }
    return new ImageDataset(px, count, size, 0);
  }

  /** The same images as PNG files in {@code dir}. */
  static Path folder(Path dir, int count, int size, long seed) throws IOException {
    Files.createDirectories(dir);
    ImageDataset data = dataset(count, size, seed);
    for (int k = 0; k < count; k++) {
      BufferedImage img = Sheet.image(data.pixels(), k, size, size);
      ImageIO.write(img, "png", dir.resolve(String.format("img_%03d.png", k)).toFile());
    }
    return dir;
  }

  static SrTrialSpec spec(Path data, Path out, int size, SrHyperparams hp) {
    return new SrTrialSpec(
        "test/sr",
        new DatasetSpec(data, size, 0xffffff),
        hp,
        7,
        new ProbeSpec(1234, 8),
        25,
        OptionalInt.of(1),
        out,
        Optional.empty(),
        false,
        1000,
        3,
        Optional.empty());
  }

  /**
   * A spec read by the trainer's own parser: 16 px images, seed 7, one thread, output in {@code
   * tmp/out}, plus the given top-level {@code fields} (JSON, without the outer braces).
   */
  static SrTrialSpec parsed(Path tmp, String fields) throws IOException {
    Path images = tmp.resolve("spec_images");
    if (!Files.isDirectory(images)) {
      folder(images, 2, 16, 1);
    }
    String json =
        "{\"trial_id\": \"test/sr\", \"model\": \"srgan4x\", \"dataset\": {\"path\": \""
            + images
            + "\", \"image_size\": 16}, \"seed\": 7, \"threads\": 1, \"output_dir\": \""
            + tmp.resolve("out")
            + "\", "
            + fields
            + "}";
    SrParsedSpec p = SrSpecParser.parse(json);
    return p.spec().orElseThrow(() -> new IllegalArgumentException(p.violations().toString()));
  }

  /** Tiny networks: width 16, two residual blocks, batch 8. */
  static SrHyperparams tiny(int steps) {
    return new SrHyperparams(
        0.001,
        0.0002,
        0.9,
        0.999,
        8,
        steps,
        16,
        8,
        2,
        0.001,
        dev.atelier.trainers.spec.ContentLoss.L1,
        0);
  }
}
