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
    Optional<MlflowSpec> mlflow) {}
