package dev.atelier.trainers.spec;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code srgan4x} trial, validated. {@code dataset.imageSize} is the high (ground-truth)
 * resolution; the generator's input is a quarter of it.
 *
 * @param mirror flip half of the training images left-right (the only augmentation SR takes)
 * @param checkpointEvery a resumable checkpoint every N steps
 * @param keepLast step checkpoints kept
 * @param contentFeatures a feature-space term added to the pixel content loss, when given
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
    Optional<FeatureLossSpec> contentFeatures) {
  public static final String MODEL = "srgan4x";
  public static final int SCALE = 4;

  public int lowResSize() {
    return dataset.imageSize() / SCALE;
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
        contentFeatures);
  }
}
