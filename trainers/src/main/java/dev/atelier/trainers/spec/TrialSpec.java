package dev.atelier.trainers.spec;

import dev.atelier.trainers.quality.QualitySpec;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One trial, validated: every field holds a value the trainer can use as is. The parser builds it
 * from a spec file; code and tests build one with {@link #builder} (the spec's defaults for what
 * they leave out) or change one with {@link #toBuilder}.
 */
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
    Optional<ProgressiveSpec> progressive,
    Optional<Path> initFrom) {

  /** The spec's defaults for what a builder is not given (trainers/README.md). */
  public static final long DEFAULT_SEED = 42;

  public static final int DEFAULT_SAMPLE_EVERY = 100;
  public static final long DEFAULT_PROBE_SEED = 1234;

  /**
   * A spec with the fields every trial needs; the rest take the spec file's defaults unless set:
   * seed 42, 64 probes with seed 1234, a grid every 100 steps, all cores, no MLflow, no
   * augmentation, the default divergence and checkpoint rules, quality on with its defaults and,
   * for a growing model, the default schedule.
   */
  public static Builder builder(
      String trialId,
      ModelKind model,
      DatasetSpec dataset,
      Hyperparams hyperparams,
      Path outputDir) {
    return new Builder(trialId, model, dataset, hyperparams, outputDir);
  }

  /** A builder holding this spec's values, to change some of them. */
  public Builder toBuilder() {
    return new Builder(trialId, model, dataset, hyperparams, outputDir)
        .seed(seed)
        .probe(probe)
        .sampleEvery(sampleEvery)
        .threads(threads)
        .mlflow(mlflow)
        .augment(augment)
        .divergence(divergence)
        .checkpoints(checkpoints)
        .quality(quality)
        .progressive(progressive)
        .initFrom(initFrom);
  }

  /** Sets a spec's fields one by one; {@link #build} fills what was not set with the defaults. */
  public static final class Builder {
    private final String trialId;
    private final ModelKind model;
    private final DatasetSpec dataset;
    private final Path outputDir;
    private Hyperparams hyperparams;
    private long seed = DEFAULT_SEED;
    private ProbeSpec probe = new ProbeSpec(DEFAULT_PROBE_SEED, ProbeSpec.GRID_TILES);
    private int sampleEvery = DEFAULT_SAMPLE_EVERY;
    private OptionalInt threads = OptionalInt.empty();
    private Optional<MlflowSpec> mlflow = Optional.empty();
    private AugmentSpec augment = AugmentSpec.NONE;
    private DivergenceSpec divergence = DivergenceSpec.DEFAULTS;
    private CheckpointSpec checkpoints = CheckpointSpec.DEFAULTS;
    // Null until set: their defaults depend on the probe, the sample interval and the model.
    private QualitySpec quality;
    private Optional<ProgressiveSpec> progressive;
    private Optional<Path> initFrom = Optional.empty();

    private Builder(
        String trialId,
        ModelKind model,
        DatasetSpec dataset,
        Hyperparams hyperparams,
        Path outputDir) {
      this.trialId = trialId;
      this.model = model;
      this.dataset = dataset;
      this.hyperparams = hyperparams;
      this.outputDir = outputDir;
    }

    public Builder hyperparams(Hyperparams v) {
      hyperparams = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder probe(ProbeSpec v) {
      probe = v;
      return this;
    }

    public Builder sampleEvery(int v) {
      sampleEvery = v;
      return this;
    }

    public Builder threads(OptionalInt v) {
      threads = v;
      return this;
    }

    public Builder threads(int v) {
      return threads(OptionalInt.of(v));
    }

    public Builder mlflow(Optional<MlflowSpec> v) {
      mlflow = v;
      return this;
    }

    public Builder augment(AugmentSpec v) {
      augment = v;
      return this;
    }

    public Builder divergence(DivergenceSpec v) {
      divergence = v;
      return this;
    }

    public Builder checkpoints(CheckpointSpec v) {
      checkpoints = v;
      return this;
    }

    public Builder quality(QualitySpec v) {
      quality = v;
      return this;
    }

    public Builder progressive(Optional<ProgressiveSpec> v) {
      progressive = v;
      return this;
    }

    public Builder progressive(ProgressiveSpec v) {
      return progressive(Optional.of(v));
    }

    /** PBT: the checkpoint folder to start from when the trial has none of its own. */
    public Builder initFrom(Optional<Path> v) {
      initFrom = v;
      return this;
    }

    public Builder initFrom(Path v) {
      return initFrom(Optional.of(v));
    }

    public TrialSpec build() {
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
          quality != null ? quality : QualitySpec.defaults(probe.count(), sampleEvery),
          progressive != null
              ? progressive
              : model.progressive() ? Optional.of(ProgressiveSpec.DEFAULTS) : Optional.empty(),
          initFrom);
    }
  }
}
