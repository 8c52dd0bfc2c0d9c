package dev.atelier.activities.mlflow;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MLflow's model registry: versions of registered models, their aliases, and MLflow 3's logged
 * models. Registering a version and moving an alias are separate calls so a caller can make the
 * alias move the last, undoable step of a promotion (the UI's PromotionService holds a database
 * transaction around it).
 */
public interface MlflowRegistry {
  /**
   * Registers {@code artifactPath} of run {@code runId} as a new version of {@code modelName}
   * (creating the model if needed) and moves {@code alias} to it.
   *
   * @return the new version number
   */
  default String promote(String modelName, String runId, String artifactPath, String alias) {
    String version = registerVersion(modelName, runSource(runId, artifactPath), runId, null);
    setAlias(modelName, alias, version);
    return version;
  }

  /** The artifact URI of {@code artifactPath} in run {@code runId}, as a version's source. */
  String runSource(String runId, String artifactPath);

  /**
   * A new version of {@code modelName} (created if missing) whose files are at {@code source},
   * waiting until MLflow reports it ready.
   *
   * @param modelId the logged model the source belongs to (MLflow 3), or null
   * @return the new version number
   */
  String registerVersion(String modelName, String source, String runId, String modelId);

  void setAlias(String modelName, String alias, String version);

  /** Removes the alias; nothing happens when it is not set. */
  void deleteAlias(String modelName, String alias);

  /** The run id and version the alias points at, if any. */
  Optional<AliasTarget> alias(String modelName, String alias);

  /**
   * Starts an MLflow 3 logged model (status pending) in the run's experiment; empty when the
   * tracking server predates logged models (it answers 404 for the endpoint).
   */
  Optional<LoggedModel> createLoggedModel(
      String experimentId,
      String name,
      String sourceRunId,
      Map<String, String> params,
      Map<String, String> tags);

  /**
   * Links {@code metrics} (each at its own step, with its original timestamp so the run's history
   * gains no duplicate point) to the logged model and marks it ready.
   */
  void finishLoggedModel(String modelId, String runId, List<ModelMetric> metrics);

  record AliasTarget(String version, String runId) {}

  /**
   * @param artifactUri where the model's own files go, e.g. {@code
   *     mlflow-artifacts:/1/models/m-.../artifacts}
   */
  record LoggedModel(String modelId, String artifactUri) {
    /** The source a model version registered from this logged model names. */
    public String source() {
      return "models:/" + modelId;
    }
  }

  record ModelMetric(String key, double value, long step, long timestamp) {}
}
