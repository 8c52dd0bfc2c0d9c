package dev.atelier.activities.mlflow;

import java.util.Optional;

/** MLflow's model registry: versions of registered models and their aliases. */
public interface MlflowRegistry {
  /**
   * Registers {@code artifactPath} of run {@code runId} as a new version of {@code modelName}
   * (creating the model if needed) and moves {@code alias} to it.
   *
   * @return the new version number
   */
  String promote(String modelName, String runId, String artifactPath, String alias);

  /** The run id and version the alias points at, if any. */
  Optional<AliasTarget> alias(String modelName, String alias);

  record AliasTarget(String version, String runId) {}
}
