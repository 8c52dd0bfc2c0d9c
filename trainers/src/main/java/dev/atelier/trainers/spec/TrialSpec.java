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
    QualitySpec quality) {

  /** The fields before quality measurement was wired in; quality takes its defaults (on). */
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
        QualitySpec.defaults(probe.count(), sampleEvery));
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
        quality);
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
        quality);
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
        quality);
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
        quality);
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
        q);
  }
}
