package dev.atelier.trainers.sr;

import dev.atelier.trainers.quality.FeatureExtractor;
import dev.atelier.trainers.quality.FeatureMatrix;
import dev.atelier.trainers.quality.FrechetDistance;
import dev.atelier.trainers.quality.GaussianStats;
import dev.atelier.trainers.quality.Kid;
import dev.atelier.trainers.quality.QualitySpec;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * FD and KID between the SR outputs of the probe images and their ground truth, in the quality
 * spec's feature space ({@link PatchFeatures}, or a TorchScript extractor), named as the GAN
 * trainer names them ({@code fd_<space>}, {@code kid_<space>}). PSNR rewards the blurry mean of
 * plausible details; these distances compare the output's distribution of features with the real
 * images', the thing an adversarial term is for. The probe is the held set: small (16 by default),
 * fixed, held out of training when the data set is large enough, so every evaluation is cheap and
 * deterministic. The ground truth's side (features, Gaussian, KID's subsets) is computed once.
 * Output i is made from ground truth i, so KID uses {@link Kid#pairedDistance}, which leaves those
 * pairs out of its cross term.
 */
final class SrQuality implements AutoCloseable {
  private final QualitySpec spec;
  private final FeatureExtractor extractor;
  private final FrechetDistance fd;
  private final Kid kid;
  private final int size;
  // The metrics' names follow the space actually measured in, whatever the spec was given.
  private final String space;
  private final Map<String, Double> nearest = new LinkedHashMap<>();

  private SrQuality(QualitySpec spec, FeatureExtractor extractor, SrProbe probe) {
    this.spec = spec;
    this.extractor = extractor;
    this.size = probe.size;
    this.space = spec.extractor().isPresent() ? spec.space() : PatchFeatures.NAME;
    FeatureMatrix real = features(probe.hr, probe.count);
    this.fd = new FrechetDistance(GaussianStats.of(real));
    this.kid =
        new Kid(
            real,
            spec.options().kidSubsets(),
            spec.options().kidSubsetSize(),
            spec.options().seed());
    measure(probe.nearest, probe.count).forEach((k, v) -> nearest.put(k + "_nearest", v));
  }

  /**
   * Loads the extractor and measures the ground truth now, so a broken extractor stops the trial
   * before its first step. Empty when quality is off or the probe has fewer than two images.
   *
   * @throws IOException the extractor file cannot be loaded
   * @throws IllegalArgumentException the extractor's metadata breaks a rule
   */
  static Optional<SrQuality> open(QualitySpec spec, SrProbe probe) throws IOException {
    if (!spec.enabled() || probe.count < 2) {
      return Optional.empty();
    }
    FeatureExtractor x = spec.extractor().isPresent() ? spec.openExtractor() : new PatchFeatures();
    try {
      return Optional.of(new SrQuality(spec, x, probe));
    } catch (RuntimeException e) {
      x.close();
      throw e;
    }
  }

  /** Whether a sample step measures quality: every {@code quality.every} steps and the last. */
  boolean due(int step, int steps) {
    return step % spec.every() == 0 || step == steps;
  }

  /** {@code fd_<space>} and {@code kid_<space>} of the probe's SR outputs. */
  Map<String, Double> measure(float[] sr, int count) {
    FeatureMatrix f = features(sr, count);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("fd_" + space, fd.to(f));
    m.put("kid_" + space, kid.pairedDistance(f).mean());
    return m;
  }

  /**
   * The same distances for nearest-neighbour enlargement of the probe's inputs ({@code
   * fd_<space>_nearest}, ...): the baseline a trained SR should beat, as {@code psnr_nearest} is
   * for {@code psnr}; constant for a run.
   */
  Map<String, Double> nearestBaseline() {
    return nearest;
  }

  private FeatureMatrix features(float[] nchw, int count) {
    return FeatureMatrix.of(extractor.features(nchw, count, size));
  }

  @Override
  public void close() {
    extractor.close();
  }
}
