package dev.atelier.trainers.spec;

import dev.atelier.trainers.quality.QualitySpec;
import dev.atelier.trainers.sr.PatchFeatures;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code srgan4x} trial, validated. {@code dataset.imageSize} is the high (ground-truth)
 * resolution; the generator's input is a quarter of it.
 *
 * @param mirror flip half of the training images left-right (the only augmentation SR takes)
 * @param checkpointEvery a resumable checkpoint every N steps
 * @param keepLast step checkpoints kept, besides the best by {@code keepBestBy}
 * @param contentFeatures a feature-space term added to the pixel content loss, when given
 * @param divergence when a run of low {@code loss_d} ends the trial (NaN always does)
 * @param keepBestBy {@value #PSNR} (higher is better) or one of {@code quality}'s distances (lower
 *     is better): the step checkpoint with the best value is kept
 * @param quality FD and KID between the probe's SR outputs and its ground truth, in a feature space
 *     (the GAN trainer's {@code quality} object; its sampling and walk options do not apply)
 */
public record SrTrialSpec(
    String trialId,
    DatasetSpec dataset,
    SrHyperparams hyperparams,
    long seed,
    ProbeSpec probe,
    int sampleEvery,
    OptionalInt threads,
    Path outputDir,
    Optional<MlflowSpec> mlflow,
    boolean mirror,
    int checkpointEvery,
    int keepLast,
    Optional<FeatureLossSpec> contentFeatures,
    DivergenceSpec divergence,
    String keepBestBy,
    QualitySpec quality) {
  public static final String MODEL = "srgan4x";
  public static final int SCALE = 4;
  public static final String PSNR = "psnr";

  /** Before divergence, keep_best_by and quality: their defaults. */
  public SrTrialSpec(
      String trialId,
      DatasetSpec dataset,
      SrHyperparams hyperparams,
      long seed,
      ProbeSpec probe,
      int sampleEvery,
      OptionalInt threads,
      Path outputDir,
      Optional<MlflowSpec> mlflow,
      boolean mirror,
      int checkpointEvery,
      int keepLast,
      Optional<FeatureLossSpec> contentFeatures) {
    this(
        trialId,
        dataset,
        hyperparams,
        seed,
        probe,
        sampleEvery,
        threads,
        outputDir,
        mlflow,
        mirror,
        checkpointEvery,
        keepLast,
        contentFeatures,
        DivergenceSpec.DEFAULTS,
        PSNR,
        builtInSpace(QualitySpec.defaults(probe.count(), sampleEvery)));
  }

  /**
   * Without an extractor SR measures in its own built-in space ({@code sr.PatchFeatures}, {@value
   * PatchFeatures#NAME}): the GANs' rgb8 cells are whole input blocks at sizes that are multiples
   * of 32, blind to the detail SR adds.
   */
  public static QualitySpec builtInSpace(QualitySpec q) {
    return q.extractor().isPresent()
        ? q
        : new QualitySpec(
            q.enabled(), q.every(), q.options(), q.extractor(), PatchFeatures.NAME, q.background());
  }

  public int lowResSize() {
    return dataset.imageSize() / SCALE;
  }

  /** What {@code keep_best_by} may name: PSNR, and quality's distances when quality is on. */
  public static List<String> rankable(QualitySpec quality) {
    List<String> all = new java.util.ArrayList<>(List.of(PSNR));
    all.addAll(quality.lowerIsBetter());
    return all;
  }

  public SrTrialSpec withHyperparams(SrHyperparams hp) {
    return new SrTrialSpec(
        trialId,
        dataset,
        hp,
        seed,
        probe,
        sampleEvery,
        threads,
        outputDir,
        mlflow,
        mirror,
        checkpointEvery,
        keepLast,
        contentFeatures,
        divergence,
        keepBestBy,
        quality);
  }
}
