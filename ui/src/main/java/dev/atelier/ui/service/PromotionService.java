package dev.atelier.ui.service;

import dev.atelier.activities.mlflow.MlflowRegistry;
import dev.atelier.ui.repository.PromotionAuditRepository;
import dev.atelier.ui.repository.PromotionAuditRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Promotes a trial's final checkpoint: a new version of the registered model with the alias moved
 * to it in MLflow, then the audit row. The registered model follows the trial's {@code model} param
 * ({@link RegisteredModels}): GANs go to {@code emoji_dcgan}, {@code srgan4x} to {@code
 * emoji_srgan4x}. The registry goes first because it is the part that can refuse; an audit row
 * never claims a promotion that did not happen.
 */
@ApplicationScoped
public class PromotionService {
  private static final Logger LOG = Logger.getLogger(PromotionService.class);
  public static final String MODEL = RegisteredModels.GAN;
  public static final String ALIAS = "champion";
  static final String CHECKPOINT = "checkpoints/final";

  private final MlflowRuns mlflow;
  private final MlflowRegistry registry;
  private final PromotionAuditRepository audit;

  PromotionService(MlflowRuns mlflow, MlflowRegistry registry, PromotionAuditRepository audit) {
    this.mlflow = mlflow;
    this.registry = registry;
    this.audit = audit;
  }

  /**
   * @throws ApiProblem 404 when MLflow has no such run, 409 when the run has no final checkpoint
   */
  public PromotionAuditRow promote(String mlflowRunId, PromotionRequest request, String who) {
    RunView run =
        mlflow
            .run(mlflowRunId)
            .orElseThrow(
                () ->
                    ApiProblem.notFound(
                        "Run not found",
                        "mlflow_run_id: '" + mlflowRunId + "' is not an MLflow run"));
    if (mlflow.listArtifacts(mlflowRunId, CHECKPOINT).isEmpty()) {
      String status = run.tag("atelier.status");
      throw ApiProblem.conflict(
          "No checkpoint",
          "mlflow_run_id: '"
              + mlflowRunId
              + "' has no "
              + CHECKPOINT
              + " artifact to promote"
              + (status == null ? "" : " (trial status " + status + ")"));
    }
    String model = RegisteredModels.forModel(run.params().get("model"));
    String version = registry.promote(model, mlflowRunId, CHECKPOINT, ALIAS);
    PromotionAuditRow row =
        audit.insert(
            new PromotionAuditRow(
                0,
                model,
                version,
                ALIAS,
                mlflowRunId,
                run.tag("atelier.dag_id"),
                run.tag("atelier.run_id"),
                request.step(),
                request.reason().strip(),
                who,
                null));
    LOG.infof("%s promoted run %s to %s version %s (%s)", who, mlflowRunId, model, version, ALIAS);
    return row;
  }

  /** Where the alias points in MLflow (the source of truth) and the latest audit row for it. */
  public Optional<ChampionView> champion(String modelName) {
    return registry
        .alias(modelName, ALIAS)
        .map(
            target ->
                new ChampionView(
                    modelName,
                    ALIAS,
                    target.version(),
                    target.runId(),
                    audit.latest(modelName, ALIAS).orElse(null)));
  }

  public List<PromotionAuditRow> history(String modelName, int limit) {
    return audit.list(modelName, limit);
  }

  public Optional<PromotionAuditRow> find(long id) {
    return audit.find(id);
  }
}
