// The trainer's own data pipeline and quality metrics for bench/curves_bench.py, so the PyTorch
// reference trains on exactly the pixels the trainer trains on and is measured with exactly the
// trainer's fd_rgb8 / kid_rgb8. A single-file program (like bench/ParamCount.java):
//   java -cp <trainer jar and classpath> bench/CurvesData.java dump IMAGE_DIR SIZE OUT.f32
//     the data set as the trainer loads it (ImageFolderLoader: composited on #ffffff, cropped,
//     resized, CHW floats in [-1, 1], files sorted), raw little-endian float32, N x 3 x SIZE x SIZE;
//     prints {"count": N, "size": SIZE}
//   java -cp <...> bench/CurvesData.java measure IMAGE_DIR SIZE SAMPLES_PATH SAMPLES
//     SAMPLES generated images (a raw little-endian float32 NCHW file ending in .f32, or a folder of
//     PNGs read by the same loader, so 8-bit x / 127.5 - 1)
//     measured against the data set by the trainer's QualityEvaluator in the rgb8 space with the
//     trainer's default quality options; prints the metrics as one JSON object
//   java -cp <...> bench/CurvesData.java draw CHECKPOINT_DIR SAMPLES OUT_DIR
//     SAMPLES images of a trainer checkpoint's exported generator from the latents the trainer's
//     quality measurement draws (probe seed + 1), written as PNGs the way the reference's are: the
//     control that measuring 8-bit PNGs instead of the generator's floats moves fd_rgb8 very little
import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.data.ImageFolderLoader;
import dev.atelier.trainers.quality.QualityEvaluator;
import dev.atelier.trainers.quality.QualityOptions;
import dev.atelier.trainers.quality.QualityReport;
import dev.atelier.trainers.quality.RealImages;
import dev.atelier.trainers.quality.Rgb8Features;
import dev.atelier.trainers.train.CheckpointGenerator;
import dev.atelier.trainers.train.ImageGenerator;
import dev.atelier.trainers.train.ProbeLatents;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

public class CurvesData {
  private static final int WHITE = 0xffffff;

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      usage("expected a command (dump or measure), IMAGE_DIR and SIZE");
    }
    if (args[0].equals("draw")) {
      if (args.length != 4) {
        usage("draw takes CHECKPOINT_DIR SAMPLES OUT_DIR");
      }
      draw(Path.of(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
      return;
    }
    Path dir = Path.of(args[1]);
    int size = Integer.parseInt(args[2]);
    ImageDataset real = ImageFolderLoader.load(dir, size, WHITE);
    switch (args[0]) {
      case "dump" -> {
        if (args.length != 4) {
          usage("dump takes IMAGE_DIR SIZE OUT.f32");
        }
        dump(real, Path.of(args[3]));
        System.out.printf("{\"count\": %d, \"size\": %d}%n", real.count(), real.size());
      }
      case "measure" -> {
        if (args.length != 5) {
          usage("measure takes IMAGE_DIR SIZE SAMPLE_DIR SAMPLES");
        }
        System.out.println(measure(real, Path.of(args[3]), Integer.parseInt(args[4])));
      }
      case "measure-checkpoint" -> {
        if (args.length != 5) {
          usage("measure-checkpoint takes IMAGE_DIR SIZE CHECKPOINT_DIR SAMPLES");
        }
        try (CheckpointGenerator g = CheckpointGenerator.open(Path.of(args[3]))) {
          System.out.println(measure(real, g, g.probeSeed().orElseThrow(), Integer.parseInt(args[4])));
        }
      }
      default ->
          usage("command: \"" + args[0] + "\" is not one of [dump, measure, measure-checkpoint, draw]");
    }
  }

  private static void usage(String why) {
    System.err.println("bench/CurvesData.java: " + why);
    System.exit(2);
  }

  private static void dump(ImageDataset real, Path out) throws IOException {
    float[] px = real.pixels();
    int n = real.count() * real.imageLength();
    ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(px, 0, n);
    try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(out)))) {
      o.write(b.array());
    }
  }

  private static String measure(ImageDataset real, Path sampleDir, int samples) throws IOException {
    ImageDataset generated =
        sampleDir.toString().endsWith(".f32")
            ? floats(sampleDir, real.size())
            : ImageFolderLoader.load(sampleDir, real.size(), WHITE);
    if (generated.count() < samples) {
      usage(sampleDir + ": " + generated.count() + " images, fewer than SAMPLES " + samples);
    }
    int len = generated.imageLength();
    // The evaluator draws the probe images and then the samples; both come from the folder's
    // first images (the probe's only use is novelty, not reported here).
    ImageGenerator fromFolder =
        ImageGenerator.of(1, real.size(), (z, count) -> Arrays.copyOf(generated.pixels(), count * len));
    return measure(real, fromFolder, 0, samples);
  }

  private static ImageDataset floats(Path file, int size) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    float[] px = new float[b.remaining() / 4];
    b.asFloatBuffer().get(px);
    return new ImageDataset(px, px.length / (3 * size * size), size, 0);
  }

  private static String measure(ImageDataset real, ImageGenerator generator, long probeSeed, int samples) {
    QualityOptions options = QualityOptions.defaults().withSamples(samples);
    try (QualityEvaluator e =
        new QualityEvaluator(
            RealImages.of(real.pixels(), real.count(), real.size()), new Rgb8Features(), options)) {
      QualityReport r = e.evaluate(0, generator, probeSeed);
      return r.metrics().entrySet().stream()
          .map(m -> "\"" + m.getKey() + "\": " + m.getValue())
          .collect(Collectors.joining(", ", "{", "}"));
    }
  }

  private static void draw(Path checkpoint, int samples, Path out) throws IOException {
    Files.createDirectories(out);
    try (CheckpointGenerator g = CheckpointGenerator.open(checkpoint)) {
      long seed = g.probeSeed().orElseThrow() + 1;
      float[] z = ProbeLatents.draw(seed, samples, g.latentDim());
      float[] px = g.generate(z, samples);
      int s = g.imageSize();
      int plane = s * s;
      for (int n = 0; n < samples; n++) {
        BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < s; y++) {
          for (int x = 0; x < s; x++) {
            int rgb = 0;
            for (int c = 0; c < 3; c++) {
              float v = Math.max(-1f, Math.min(1f, px[(n * 3 + c) * plane + y * s + x]));
              rgb = (rgb << 8) | Math.round((v + 1) * 127.5f);
            }
            img.setRGB(x, y, rgb);
          }
        }
        ImageIO.write(img, "png", out.resolve(String.format("%05d.png", n)).toFile());
      }
    }
  }
}
