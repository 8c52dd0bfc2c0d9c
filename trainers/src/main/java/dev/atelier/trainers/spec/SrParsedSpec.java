package dev.atelier.trainers.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link SrSpecParser} made of a spec: the spec when valid, otherwise its violations, plus the
 * MLflow run and output folder when those were valid, so a bad spec can still be reported there.
 */
public record SrParsedSpec(
    Optional<SrTrialSpec> spec,
    List<String> violations,
    List<String> warnings,
    Optional<MlflowSpec> mlflow,
    Optional<Path> outputDir) {

  static SrParsedSpec failed(String violation) {
    return new SrParsedSpec(
        Optional.empty(), List.of(violation), List.of(), Optional.empty(), Optional.empty());
  }
}
