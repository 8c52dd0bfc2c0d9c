package dev.atelier.trainers.quality;

import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.data.ImageFolderLoader;
import dev.atelier.trainers.train.ImageGenerator;
import dev.atelier.trainers.train.ProbeLatents;
import java.nio.file.Path;
import java.util.Random;

/**
 * Times the evaluator on a real image folder (not a test; run by hand, see trainers/README.md
 * "Quality metrics"): cold and warm steps with the fixture extractor and in pixel space, each
 * metric on its own, and FD/KID/neighbours at Inception's 2048 dimensions on synthetic features.
 *
 * <p>Arguments: image folder, image size (32 or 64).
 */
public final class QualityBench {
  private QualityBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int size = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    long t = System.nanoTime();
    ImageDataset data = ImageFolderLoader.load(dir, size, 0xffffff);
    System.out.printf("loaded %d images of %dx%d in %.1f s%n", data.count(), size, size, since(t));
    RealImages real = RealImages.of(data.pixels(), data.count(), size);
    ImageGenerator generator = noisyCopies(real);
    QualityOptions options = QualityOptions.defaults();

    try (QualityEvaluator q =
        new QualityEvaluator(
            real,
            TorchScriptExtractor.load(ExtractorOptions.of(QualityFixtures.extractorFile())),
            options)) {
      steps("tinyconv extractor", q, generator);
    }
    try (QualityEvaluator q = new QualityEvaluator(real, new Rgb8Features(), options)) {
      steps("rgb8", q, generator);
      long w = System.nanoTime();
      q.walk(generator, 1234);
      System.out.printf("  final latent walk GIF + PNG: %.3f s%n", since(w));
    }
    parts(real, generator, options);
    inceptionSized(data.count(), 2048);
  }

  private static void steps(String what, QualityEvaluator q, ImageGenerator g) {
    for (int step = 1; step <= 3; step++) {
      QualityReport r = q.evaluate(step * 100, g, 1234);
      long bytes = r.artifacts().values().stream().mapToLong(b -> b.length).sum();
      System.out.printf(
          "%s step %d: %.2f s%s, artifacts %d KB, %s%n",
          what,
          step,
          r.seconds(),
          step == 1 ? " (cold: real features)" : "",
          bytes / 1024,
          r.metrics());
    }
  }

  private static void parts(RealImages real, ImageGenerator g, QualityOptions o) throws Exception {
    try (TorchScriptExtractor x =
        TorchScriptExtractor.load(ExtractorOptions.of(QualityFixtures.extractorFile()))) {
      long t = System.nanoTime();
      FeatureMatrix rf = FeatureMatrix.of(x.features(real.pixels(), real.count(), real.size()));
      System.out.printf("  real features (%d images): %.2f s%n", real.count(), since(t));
      float[] samples = g.generate(ProbeLatents.draw(1235, o.samples(), 64), o.samples());
      t = System.nanoTime();
      FeatureMatrix sf = FeatureMatrix.of(x.features(samples, o.samples(), real.size()));
      System.out.printf("  sample features (%d): %.3f s%n", o.samples(), since(t));
      t = System.nanoTime();
      FrechetDistance fd = new FrechetDistance(GaussianStats.of(rf));
      Kid kid = new Kid(rf, o.kidSubsets(), o.kidSubsetSize(), 0);
      kid.distance(sf);
      System.out.printf("  real Gaussian + KID real subsets: %.3f s%n", since(t));
      t = System.nanoTime();
      fd.to(sf);
      System.out.printf("  FD per step: %.3f s%n", since(t));
      t = System.nanoTime();
      kid.distance(sf);
      System.out.printf("  KID per step: %.3f s%n", since(t));
    }
    float[] probeZ = ProbeLatents.draw(1234, o.probeCount(), 64);
    float[] probe = g.generate(probeZ, o.probeCount());
    long t = System.nanoTime();
    Novelty n =
        new Novelty(
            new NearestNeighbours(FeatureMatrix.pixels(real.pixels(), real.count(), real.size())),
            real,
            o.neighbours());
    Novelty.Result res = n.check(FeatureMatrix.pixels(probe, o.probeCount(), real.size()));
    System.out.printf(
        "  novelty in pixels (64 x %d x %d): %.3f s%n",
        real.count(), 3 * real.size() * real.size(), since(t));
    t = System.nanoTime();
    n.png(probe, res);
    System.out.printf("  novelty picture: %.3f s%n", since(t));
    t = System.nanoTime();
    LatentWalk.render(g, probeZ, o.walkKeyframes(), o.walkFrames());
    System.out.printf("  latent walk GIF + PNG: %.3f s%n", since(t));
  }

  private static void inceptionSized(int n, int dim) {
    Random r = new Random(1);
    FeatureMatrix real = relu(r, n, dim);
    FeatureMatrix fake = relu(r, 256, dim);
    long t = System.nanoTime();
    GaussianStats stats = GaussianStats.of(real);
    System.out.printf("%d-dim: real Gaussian of %d: %.2f s%n", dim, n, since(t));
    FrechetDistance fd = new FrechetDistance(stats);
    t = System.nanoTime();
    fd.to(fake);
    System.out.printf("%d-dim: FD per step (256 samples): %.2f s%n", dim, since(t));
    t = System.nanoTime();
    Kid kid = new Kid(real, 100, 1000, 0);
    kid.distance(fake);
    System.out.printf("%d-dim: KID first call (real subsets): %.2f s%n", dim, since(t));
    t = System.nanoTime();
    kid.distance(fake);
    System.out.printf("%d-dim: KID per step: %.2f s%n", dim, since(t));
    t = System.nanoTime();
    try (NearestNeighbours index = new NearestNeighbours(real)) {
      index.search(relu(r, 64, dim), 3);
    }
    System.out.printf("%d-dim: neighbours 64 x %d: %.2f s%n", dim, n, since(t));
  }

  private static FeatureMatrix relu(Random r, int n, int d) {
    float[] f = new float[n * d];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) Math.max(0, r.nextGaussian());
    }
    return new FeatureMatrix(f, n, d);
  }

  /** A stand-in generator that costs nothing: training images chosen by latent, plus noise. */
  private static ImageGenerator noisyCopies(RealImages real) {
    int len = 3 * real.size() * real.size();
    return ImageGenerator.of(
        64,
        real.size(),
        (z, count) -> {
          int dim = z.length / count;
          float[] out = new float[count * len];
          Random r = new Random(7);
          for (int i = 0; i < count; i++) {
            int k = Math.floorMod(Float.floatToIntBits(z[i * dim]) * 31, real.count());
            for (int j = 0; j < len; j++) {
              float v = real.pixels()[k * len + j] + 0.2f * (float) r.nextGaussian();
              out[i * len + j] = Math.max(-1, Math.min(1, v));
            }
          }
          return out;
        });
  }

  private static double since(long t) {
    return (System.nanoTime() - t) / 1e9;
  }
}
