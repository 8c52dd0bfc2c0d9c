package dev.atelier.trainers.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the parser made of a spec: the spec when it is valid, otherwise its violations, plus the
 * parts needed to report the failure (the MLflow run and the output folder) when those were valid.
 */
public record ParsedSpec(
    Optional<TrialSpec> spec,
    List<String> violations,
    List<String> warnings,
    Optional<MlflowSpec> mlflow,
    Optional<Path> outputDir) {

  static ParsedSpec failed(String violation) {
    return new ParsedSpec(
        Optional.empty(), List.of(violation), List.of(), Optional.empty(), Optional.empty());
  }

  public TrialSpec orThrow() throws BadSpecException {
    if (spec.isEmpty()) {
      throw new BadSpecException(violations);
    }
    return spec.get();
  }
}
