package dev.atelier.trainers.spec;

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
    Optional<ProgressiveSpec> progressive) {

  /** Before progressive growing: no {@code progressive} part. */
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
        CheckpointSpec.DEFAULTS,
        model.progressive() ? Optional.of(ProgressiveSpec.DEFAULTS) : Optional.empty());
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
        Optional.of(p));
  }
}
