package dev.atelier.trainers.quality;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Measures one sample step: draws the probe and the FD/KID samples from fixed seeds, runs them
 * through the generator and the feature space, and returns metrics and artifacts for the caller to
 * log. The real data's features, Gaussian, KID subsets, diversity and neighbour index are computed
 * on the first call (or {@link #prepare()}) and reused at every later step: they dominate the cost.
 *
 * <p>With an extractor named N: {@code fd_N}, {@code kid_N}, {@code diversity_N}, {@code
 * diversity_real_N}, {@code mode_collapse}, {@code novelty_nn_distance_N}. Without one, the feature
 * space is the raw pixels and only what is honest there is reported: {@code diversity_pixels},
 * {@code diversity_real_pixels}, {@code mode_collapse}, {@code novelty_nn_distance_pixels} (FD and
 * KID need a learned feature space to mean what their names promise; {@code fd_diag_rgb8} remains
 * the extractor-free distance). Artifacts in both cases: {@code novelty/step_NNNNNNN.json|.png},
 * {@code walk/step_NNNNNNN.gif|.png}.
 *
 * <p>The evaluator owns the extractor and closes it, with the native copy of the real features the
 * neighbour search keeps. Not thread-safe: call it from the training thread.
 */
public final class QualityEvaluator implements AutoCloseable {
  public static final String PIXELS = "pixels";

  private final RealImages real;
  private final Optional<FeatureExtractor> extractor;
  private final QualityOptions options;
  private final String space;
  private Reference reference;

  /** The real data's cached side of every metric. */
  private record Reference(
      Optional<FrechetDistance> fd,
      Optional<Kid> kid,
      double diversity,
      NearestNeighbours index,
      Novelty novelty) {}

  public QualityEvaluator(
      RealImages real, Optional<FeatureExtractor> extractor, QualityOptions options) {
    var bad = options.violations("quality");
    if (!bad.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", bad));
    }
    if (options.neighbours() > real.count()) {
      throw new IllegalArgumentException(
          "quality.neighbours: "
              + options.neighbours()
              + " must be <= the data set's "
              + real.count()
              + " images");
    }
    this.real = real;
    this.extractor = extractor;
    this.options = options;
    this.space = extractor.map(FeatureExtractor::name).orElse(PIXELS);
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
    Optional<FrechetDistance> fd = Optional.empty();
    Optional<Kid> kid = Optional.empty();
    if (extractor.isPresent()) {
      fd = Optional.of(new FrechetDistance(GaussianStats.of(f)));
      kid = Optional.of(new Kid(f, options.kidSubsets(), options.kidSubsetSize(), options.seed()));
    }
    NearestNeighbours index = new NearestNeighbours(f);
    reference =
        new Reference(
            fd,
            kid,
            Diversity.meanPairwiseCosineDistance(f),
            index,
            new Novelty(index, real, options.neighbours()));
  }

  public QualityReport evaluate(int step, ImageGenerator generator, int latentDim, long probeSeed) {
    long t0 = System.nanoTime();
    if (latentDim < 1) {
      throw new IllegalArgumentException("latent_dim: " + latentDim + " must be >= 1");
    }
    ArtifactPaths.stepName(step); // a bad step fails before any work
    prepare();
    int size = real.size();
    float[] probeZ = ProbeLatents.draw(probeSeed, options.probeCount(), latentDim);
    float[] probe = generator.generate(probeZ, options.probeCount());
    Images.require(probe, options.probeCount(), size, "probe");
    float[] sampleZ = ProbeLatents.draw(probeSeed + 1, options.samples(), latentDim);
    float[] samples = generator.generate(sampleZ, options.samples());
    Images.require(samples, options.samples(), size, "samples");

    FeatureMatrix sf = features(samples, options.samples());
    Map<String, Double> metrics = new LinkedHashMap<>();
    reference.fd().ifPresent(fd -> metrics.put("fd_" + space, fd.to(sf)));
    reference.kid().ifPresent(kid -> metrics.put("kid_" + space, kid.distance(sf).mean()));
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
    LatentWalk.Rendering walk =
        LatentWalk.render(
            generator, probeZ, options.walkKeyframes(), latentDim, options.walkFrames(), size);
    artifacts.put(ArtifactPaths.walk(step, "gif"), walk.gif());
    artifacts.put(ArtifactPaths.walk(step, "png"), walk.png());
    return new QualityReport(step, metrics, artifacts, (System.nanoTime() - t0) / 1e9);
  }

  private FeatureMatrix features(float[] nchw, int count) {
    if (extractor.isEmpty()) {
      return FeatureMatrix.pixels(nchw, count, real.size());
    }
    return FeatureMatrix.of(extractor.get().features(nchw, count, real.size()));
  }

  @Override
  public void close() {
    if (reference != null) {
      reference.index().close();
    }
    extractor.ifPresent(FeatureExtractor::close);
  }
}
