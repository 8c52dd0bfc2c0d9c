package dev.atelier.trainers.quality;

import dev.atelier.trainers.train.ImageGenerator;
import dev.atelier.trainers.train.ProbeLatents;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Measures one sample step: draws the probe and the FD/KID samples from fixed seeds, runs them
 * through the generator and the feature space, and returns metrics and artifacts for the caller to
 * log. The real data's features, Gaussian, KID subsets, diversity and neighbour index are computed
 * on the first call (or {@link #prepare()}) and reused at every later step: they dominate the cost.
 *
 * <p>With a feature space named N (a user's TorchScript extractor, or the built-in {@link
 * Rgb8Features}): {@code fd_N}, {@code kid_N}, {@code diversity_N}, {@code diversity_real_N},
 * {@code mode_collapse}, {@code novelty_nn_distance_N}; artifacts {@code
 * novelty/step_NNNNNNN.json|.png}. The latent walk is separate ({@link #walk}): the training loop
 * renders it once, at the end.
 *
 * <p>The evaluator owns the extractor and closes it, with the native copy of the real features the
 * neighbour search keeps. Not thread-safe: call it from the training thread.
 */
public final class QualityEvaluator implements AutoCloseable {
  private final RealImages real;
  private final FeatureExtractor extractor;
  private final QualityOptions options;
  private final String space;
  private Reference reference;

  /** The real data's cached side of every metric. */
  private record Reference(
      FrechetDistance fd, Kid kid, double diversity, NearestNeighbours index, Novelty novelty) {}

  /**
   * @param extractor the feature space, owned (closed) by the evaluator from now on
   */
  public QualityEvaluator(RealImages real, FeatureExtractor extractor, QualityOptions options) {
    var bad = options.violations("quality");
    if (!bad.isEmpty()) {
      extractor.close();
      throw new IllegalArgumentException(String.join("; ", bad));
    }
    this.real = real;
    this.extractor = extractor;
    this.options = options;
    this.space = extractor.name();
  }

  /** The feature space's name, the suffix of the metric names. */
  public String space() {
    return space;
  }

  /** Computes the real data's side now (e.g. before training starts) instead of at step one. */
  public void prepare() {
    if (reference != null) {
      return;
    }
    FeatureMatrix f = features(real.pixels(), real.count());
    NearestNeighbours index = new NearestNeighbours(f);
    reference =
        new Reference(
            new FrechetDistance(GaussianStats.of(f)),
            new Kid(f, options.kidSubsets(), options.kidSubsetSize(), options.seed()),
            Diversity.meanPairwiseCosineDistance(f),
            index,
            // A data set smaller than k shows all of itself.
            new Novelty(index, real, Math.min(options.neighbours(), real.count())));
  }

  /**
   * Metrics and novelty artifacts of one step: the probe images (latents from {@code probeSeed},
   * those of the step's grid) and {@code samples} images from {@code probeSeed + 1}.
   */
  public QualityReport evaluate(int step, ImageGenerator generator, long probeSeed) {
    long t0 = System.nanoTime();
    ArtifactPaths.stepName(step); // a bad step fails before any work
    int size = requireSize(generator);
    int latentDim = generator.latentDim();
    prepare();
    float[] probeZ = ProbeLatents.draw(probeSeed, options.probeCount(), latentDim);
    float[] probe = generator.generate(probeZ, options.probeCount());
    Images.require(probe, options.probeCount(), size, "probe");
    float[] sampleZ = ProbeLatents.draw(probeSeed + 1, options.samples(), latentDim);
    float[] samples = generator.generate(sampleZ, options.samples());
    Images.require(samples, options.samples(), size, "samples");

    FeatureMatrix sf = features(samples, options.samples());
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("fd_" + space, reference.fd().to(sf));
    metrics.put("kid_" + space, reference.kid().distance(sf).mean());
    Diversity.Verdict verdict =
        Diversity.verdict(
            Diversity.meanPairwiseCosineDistance(sf),
            reference.diversity(),
            options.collapseThreshold());
    metrics.put("diversity_" + space, verdict.samples());
    metrics.put("diversity_real_" + space, verdict.real());
    metrics.put("mode_collapse", verdict.collapsed() ? 1.0 : 0.0);

    Novelty.Result novelty = reference.novelty().check(features(probe, options.probeCount()));
    metrics.put("novelty_nn_distance_" + space, novelty.meanNearestDistance());

    Map<String, byte[]> artifacts = new LinkedHashMap<>();
    artifacts.put(ArtifactPaths.novelty(step, "json"), Novelty.json(step, space, novelty));
    artifacts.put(ArtifactPaths.novelty(step, "png"), reference.novelty().png(probe, novelty));
    return new QualityReport(step, metrics, artifacts, (System.nanoTime() - t0) / 1e9);
  }

  /**
   * The latent walk through the first {@code walk_keyframes} probe latents ({@code probeSeed}): the
   * grid's own images, joined by great circles.
   */
  public LatentWalk.Rendering walk(ImageGenerator generator, long probeSeed) {
    requireSize(generator);
    float[] probeZ = ProbeLatents.draw(probeSeed, options.walkKeyframes(), generator.latentDim());
    return LatentWalk.render(generator, probeZ, options.walkKeyframes(), options.walkFrames());
  }

  private int requireSize(ImageGenerator generator) {
    if (generator.imageSize() != real.size() || generator.latentDim() < 1) {
      throw new IllegalArgumentException(
          "generator: draws "
              + generator.imageSize()
              + "x"
              + generator.imageSize()
              + " images from latent_dim "
              + generator.latentDim()
              + "; the real images are "
              + real.size()
              + "x"
              + real.size()
              + " and latent_dim must be >= 1");
    }
    return real.size();
  }

  private FeatureMatrix features(float[] nchw, int count) {
    return FeatureMatrix.of(extractor.features(nchw, count, real.size()));
  }

  @Override
  public void close() {
    if (reference != null) {
      reference.index().close();
    }
    extractor.close();
  }
}
