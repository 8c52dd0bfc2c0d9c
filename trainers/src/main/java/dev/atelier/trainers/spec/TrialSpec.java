package dev.atelier.trainers.spec;

import dev.atelier.trainers.quality.QualitySpec;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/** One trial, validated: every field holds a value the trainer can use as is. */
public record TrialSpec(
    String trialId,
    ModelKind model,
    DatasetSpec dataset,
    Hyperparams hyperparams,
    long seed,
    ProbeSpec probe,
    int sampleEvery,
    OptionalInt threads,
    Path outputDir,
    Optional<MlflowSpec> mlflow,
    AugmentSpec augment,
    DivergenceSpec divergence,
    CheckpointSpec checkpoints,
    QualitySpec quality,
    Optional<ProgressiveSpec> progressive) {

  /** Without a {@code progressive} part: the model's default schedule, if it grows. */
  public TrialSpec(
      String trialId,
      ModelKind model,
      DatasetSpec dataset,
      Hyperparams hyperparams,
      long seed,
      ProbeSpec probe,
      int sampleEvery,
      OptionalInt threads,
      Path outputDir,
      Optional<MlflowSpec> mlflow,
      AugmentSpec augment,
      DivergenceSpec divergence,
      CheckpointSpec checkpoints,
      QualitySpec quality) {
    this(
        trialId,
        model,
        dataset,
        hyperparams,
        seed,
        probe,
        sampleEvery,
        threads,
        outputDir,
        mlflow,
        augment,
        divergence,
        checkpoints,
        quality,
        model.progressive() ? Optional.of(ProgressiveSpec.DEFAULTS) : Optional.empty());
  }

  /** Without a {@code quality} part: quality measurement takes its defaults (on). */
  public TrialSpec(
      String trialId,
      ModelKind model,
      DatasetSpec dataset,
      Hyperparams hyperparams,
      long seed,
      ProbeSpec probe,
      int sampleEvery,
      OptionalInt threads,
      Path outputDir,
      Optional<MlflowSpec> mlflow,
      AugmentSpec augment,
      DivergenceSpec divergence,
      CheckpointSpec checkpoints,
      Optional<ProgressiveSpec> progressive) {
    this(
        trialId,
        model,
        dataset,
        hyperparams,
        seed,
        probe,
        sampleEvery,
        threads,
        outputDir,
        mlflow,
        augment,
        divergence,
        checkpoints,
        QualitySpec.defaults(probe.count(), sampleEvery),
        progressive);
  }

  /** Before quality and progressive growing: their defaults. */
  public TrialSpec(
      String trialId,
      ModelKind model,
      DatasetSpec dataset,
      Hyperparams hyperparams,
      long seed,
      ProbeSpec probe,
      int sampleEvery,
      OptionalInt threads,
      Path outputDir,
      Optional<MlflowSpec> mlflow,
      AugmentSpec augment,
      DivergenceSpec divergence,
      CheckpointSpec checkpoints) {
    this(
        trialId,
        model,
        dataset,
        hyperparams,
        seed,
        probe,
        sampleEvery,
        threads,
        outputDir,
        mlflow,
        augment,
        divergence,
        checkpoints,
        QualitySpec.defaults(probe.count(), sampleEvery),
        model.progressive() ? Optional.of(ProgressiveSpec.DEFAULTS) : Optional.empty());
  }

  /** The first spec's fields; augmentation off, divergence and checkpoint defaults. */
  public TrialSpec(
      String trialId,
      ModelKind model,
      DatasetSpec dataset,
      Hyperparams hyperparams,
      long seed,
      ProbeSpec probe,
      int sampleEvery,
      OptionalInt threads,
      Path outputDir,
      Optional<MlflowSpec> mlflow) {
    this(
        trialId,
        model,
        dataset,
        hyperparams,
        seed,
        probe,
        sampleEvery,
        threads,
        outputDir,
        mlflow,
        AugmentSpec.NONE,
        DivergenceSpec.DEFAULTS,
        CheckpointSpec.DEFAULTS);
  }

  public TrialSpec withHyperparams(Hyperparams hp) {
    return new TrialSpec(
        trialId,
        model,
        dataset,
        hp,
        seed,
        probe,
        sampleEvery,
        threads,
        outputDir,
        mlflow,
        augment,
        divergence,
        checkpoints,
        quality,
        progressive);
  }

  public TrialSpec withAugment(AugmentSpec a) {
    return new TrialSpec(
        trialId,
        model,
        dataset,
        hyperparams,
        seed,
        probe,
        sampleEvery,
        threads,
        outputDir,
        mlflow,
        a,
        divergence,
        checkpoints,
        quality,
        progressive);
  }

  public TrialSpec withDivergence(DivergenceSpec d) {
    return new TrialSpec(
        trialId,
        model,
        dataset,
        hyperparams,
        seed,
        probe,
        sampleEvery,
        threads,
        outputDir,
        mlflow,
        augment,
        d,
        checkpoints,
        quality,
        progressive);
  }

  public TrialSpec withCheckpoints(CheckpointSpec c) {
    return new TrialSpec(
        trialId,
        model,
        dataset,
        hyperparams,
        seed,
        probe,
        sampleEvery,
        threads,
        outputDir,
        mlflow,
        augment,
        divergence,
        c,
        quality,
        progressive);
  }

  public TrialSpec withQuality(QualitySpec q) {
    return new TrialSpec(
        trialId,
        model,
        dataset,
        hyperparams,
        seed,
        probe,
        sampleEvery,
        threads,
        outputDir,
        mlflow,
        augment,
        divergence,
        checkpoints,
        q,
        progressive);
  }

  public TrialSpec withProgressive(ProgressiveSpec p) {
    return new TrialSpec(
        trialId,
        model,
        dataset,
        hyperparams,
        seed,
        probe,
        sampleEvery,
        threads,
        outputDir,
        mlflow,
        augment,
        divergence,
        checkpoints,
        quality,
        Optional.of(p));
  }
}
