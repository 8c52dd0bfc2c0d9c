package dev.atelier.ui.service;

import dev.atelier.activities.mlflow.MlflowRegistry;
import dev.atelier.activities.mlflow.MlflowRegistry.AliasTarget;
import dev.atelier.activities.mlflow.MlflowRegistry.LoggedModel;
import dev.atelier.activities.mlflow.MlflowRegistry.ModelMetric;
import dev.atelier.ui.repository.PromotionAuditEvidence;
import dev.atelier.ui.repository.PromotionAuditRepository;
import dev.atelier.ui.repository.PromotionAuditRow;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import org.mlflow.tracking.MlflowClient;

/**
 * Promotes exactly what a lead saw: the checkpoint at the step of the grid they judged, as a new
 * version of the run's registered model ({@link RegisteredModels}), with an MLflow 3 logged model
 * carrying that step's metrics, and the alias {@value #ALIAS} moved to it.
 *
 * <p>Order matters. Everything that can be refused is checked first (the trial finished, the step
 * has a checkpoint, the name is valid); then the version is registered, which is harmless alone: a
 * version without the alias is no champion. The alias move is last, inside one database transaction
 * that first takes an advisory lock on the model's name (so promotions of one model run one at a
 * time), then writes the audit row, its evidence and the audit log entry: if any of that fails the
 * alias is never moved, and if the alias move fails the transaction rolls back. Should the commit
 * itself fail after the move, the alias is moved back to where it pointed.
 */
@ApplicationScoped
public class PromotionService {
  private static final Logger LOG = Logger.getLogger(PromotionService.class);
  public static final String ALIAS = "champion";

  private final MlflowRuns mlflow;
  private final MlflowClient client;
  private final MlflowRegistry registry;
  private final PromotionAuditRepository audit;
  private final PromotionCheckpoints checkpoints;
  private final ArtifactWriter artifacts;
  private final AuditLog auditLog;

  PromotionService(
      MlflowRuns mlflow,
      MlflowClient client,
      MlflowRegistry registry,
      PromotionAuditRepository audit,
      PromotionCheckpoints checkpoints,
      ArtifactWriter artifacts,
      AuditLog auditLog) {
    this.mlflow = mlflow;
    this.client = client;
    this.registry = registry;
    this.audit = audit;
    this.checkpoints = checkpoints;
    this.artifacts = artifacts;
    this.auditLog = auditLog;
  }

  /**
   * @param who the lead's user name, recorded as {@code promoted_by}
   * @throws ApiProblem 400 for a blank reason, a malformed step or model name; 404 when MLflow has
   *     no such run; 409 when the trial did not finish or that step has no checkpoint
   */
  public PromotionAuditRow promote(String mlflowRunId, PromotionRequest request, String who) {
    if (request == null || request.reason() == null || request.reason().isBlank()) {
      throw ApiProblem.badRequest(
          "reason: '"
              + (request == null ? null : request.reason())
              + "' must not be blank: say why this checkpoint is the champion");
    }
    RunView run = requireRun(mlflowRunId);
    checkpoints.requirePromotable(run);
    PromotionCheckpoint checkpoint = checkpoints.resolve(mlflowRunId, request.step());
    String model = modelFor(run, request.model());

    byte[] grid = mlflow.artifact(mlflowRunId, checkpoint.gridPath()).orElse(null);
    Map<String, MetricPoint> atStep = metricsAt(mlflowRunId, run, checkpoint.step());
    Map<String, Double> metrics = new TreeMap<>();
    atStep.forEach((k, p) -> metrics.put(k, p.value()));

    Optional<LoggedModel> logged = logModel(run, model, checkpoint, atStep);
    String version =
        registry.registerVersion(
            model,
            logged
                .map(LoggedModel::source)
                .orElseGet(() -> registry.runSource(mlflowRunId, checkpoint.path())),
            mlflowRunId,
            logged.map(LoggedModel::modelId).orElse(null));

    AtomicReference<Optional<AliasTarget>> moved = new AtomicReference<>();
    try {
      PromotionAuditRow row =
          QuarkusTransaction.requiringNew()
              .call(
                  () -> {
                    audit.lock(model);
                    Optional<AliasTarget> previous = registry.alias(model, ALIAS);
                    PromotionAuditRow inserted =
                        audit.insert(
                            new PromotionAuditRow(
                                0,
                                model,
                                version,
                                ALIAS,
                                mlflowRunId,
                                run.tag("atelier.dag_id"),
                                run.tag("atelier.run_id"),
                                checkpoint.step(),
                                request.reason().strip(),
                                who,
                                null,
                                checkpoint.path(),
                                previous.map(AliasTarget::version).orElse(null),
                                logged.map(LoggedModel::modelId).orElse(null),
                                null));
                    PromotionAuditEvidence evidence =
                        evidence(run, model, version, checkpoint, grid, metrics, previous, request);
                    audit.insertEvidence(inserted.id(), evidence);
                    Map<String, Object> detail = new LinkedHashMap<>();
                    detail.put("promotion_id", inserted.id());
                    detail.put("version", version);
                    detail.put("mlflow_run_id", mlflowRunId);
                    detail.put("step", checkpoint.step());
                    detail.put("checkpoint", checkpoint.path());
                    detail.put("previous_version", inserted.previousVersion());
                    detail.put("reason", inserted.reason());
                    auditLog.record("promote", "model/" + model, detail);
                    registry.setAlias(model, ALIAS, version);
                    moved.set(previous);
                    return inserted;
                  });
      LOG.infof(
          "%s promoted run %s step %d to %s version %s (%s)",
          who, mlflowRunId, checkpoint.step(), model, version, ALIAS);
      return row;
    } catch (RuntimeException e) {
      if (moved.get() != null) {
        moveBack(model, moved.get(), version, e);
      }
      throw e;
    }
  }

  /** What the promote dialog shows before a lead confirms; nothing is written. */
  public PromotionPreview preview(String mlflowRunId, String step, String requestedModel) {
    RunView run = requireRun(mlflowRunId);
    String model = modelFor(run, requestedModel);
    String refusal = checkpoints.refusal(run).orElse(null);
    PromotionCheckpoint checkpoint = null;
    if (refusal == null) {
      try {
        checkpoint = checkpoints.resolve(mlflowRunId, step);
      } catch (ApiProblem e) {
        if (e.status() == 400) {
          throw e;
        }
        refusal = e.detail();
      }
    }
    Optional<ChampionView> champion = champion(model);
    Long championStep = champion.map(ChampionView::audit).map(PromotionAuditRow::step).orElse(null);
    return new PromotionPreview(
        mlflowRunId,
        model,
        checkpoint == null ? null : checkpoint.step(),
        checkpoint == null ? null : checkpoint.path(),
        checkpoint == null ? null : artifactUrl(mlflowRunId, checkpoint.gridPath()),
        refusal,
        champion.orElse(null),
        championStep,
        champion
            .filter(c -> championStep != null)
            .map(c -> artifactUrl(c.mlflowRunId(), gridPath(championStep)))
            .orElse(null));
  }

  /** Where the alias points in MLflow (the source of truth) and the audit row of that version. */
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
                    audit
                        .forVersion(modelName, target.version())
                        .or(() -> audit.latest(modelName, ALIAS))
                        .orElse(null)));
  }

  public List<PromotionAuditRow> history(String modelName, int limit) {
    return audit.list(modelName, limit);
  }

  public Optional<PromotionAuditRow> find(long id) {
    return audit.find(id);
  }

  /** The copy of the grid kept with promotion {@code id}. */
  public Optional<byte[]> grid(long id) {
    return audit.grid(id);
  }

  /** Fills the review JSON (votes, comments) of a promotion's evidence; false if there is none. */
  public boolean recordReview(long promotionId, Map<String, Object> review) {
    return audit.updateReview(promotionId, review);
  }

  private RunView requireRun(String mlflowRunId) {
    return mlflow
        .run(mlflowRunId)
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    "Run not found", "mlflow_run_id: '" + mlflowRunId + "' is not an MLflow run"));
  }

  private static String modelFor(RunView run, String requested) {
    return requested == null || requested.isBlank()
        ? RegisteredModels.checked("model", RegisteredModels.forRun(run))
        : RegisteredModels.checked("model", requested.strip());
  }

  /**
   * Each metric's value at the step (or the latest before it: quality metrics are measured every
   * {@code quality.every} steps), with its original timestamp.
   */
  private Map<String, MetricPoint> metricsAt(String runId, RunView run, long step) {
    Map<String, MetricPoint> out = new TreeMap<>();
    for (String key : run.latestMetrics().keySet()) {
      MetricPoint best = null;
      for (MetricPoint p : mlflow.history(runId, key)) {
        if (p.step() <= step && (best == null || p.step() > best.step())) {
          best = p;
        }
      }
      if (best != null) {
        out.put(key, best);
      }
    }
    return out;
  }

  /**
   * An MLflow 3 logged model holding a copy of the checkpoint's files, the run's params and the
   * metrics at the step; empty on a server without logged models (the version then points at the
   * run's checkpoint folder itself).
   */
  private Optional<LoggedModel> logModel(
      RunView run, String model, PromotionCheckpoint checkpoint, Map<String, MetricPoint> atStep) {
    String experimentId = client.getRun(run.runId()).getInfo().getExperimentId();
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("atelier.step", Long.toString(checkpoint.step()));
    tags.put("atelier.checkpoint", checkpoint.path());
    tags.put("atelier.registered_model", model);
    Optional<LoggedModel> logged =
        registry.createLoggedModel(
            experimentId,
            model + "-step_" + checkpoint.step(),
            run.runId(),
            loggable(run.params()),
            tags);
    logged.ifPresent(
        m -> {
          for (String file : mlflow.listArtifacts(run.runId(), checkpoint.path())) {
            byte[] bytes =
                mlflow
                    .artifact(run.runId(), file)
                    .orElseThrow(() -> new IllegalStateException(file + " vanished while copying"));
            artifacts.put(m.artifactUri(), file.substring(checkpoint.path().length() + 1), bytes);
          }
          List<ModelMetric> metrics = new ArrayList<>();
          atStep.forEach(
              (k, p) -> metrics.add(new ModelMetric(k, p.value(), p.step(), p.timestamp())));
          registry.finishLoggedModel(m.modelId(), run.runId(), metrics);
        });
    return logged;
  }

  /** MLflow caps param values; a long class list is cut, the checkpoint keeps it whole. */
  private static Map<String, String> loggable(Map<String, String> params) {
    Map<String, String> out = new LinkedHashMap<>();
    params.forEach((k, v) -> out.put(k, v.length() > 500 ? v.substring(0, 500) : v));
    return out;
  }

  private PromotionAuditEvidence evidence(
      RunView run,
      String model,
      String version,
      PromotionCheckpoint checkpoint,
      byte[] grid,
      Map<String, Double> metrics,
      Optional<AliasTarget> previous,
      PromotionRequest request) {
    Map<String, Object> champion = null;
    byte[] championGrid = null;
    String championDetail = "no champion before this one";
    if (previous.isPresent()) {
      AliasTarget p = previous.get();
      Long step = audit.forVersion(model, p.version()).map(PromotionAuditRow::step).orElse(null);
      champion = new LinkedHashMap<>();
      champion.put("model_version", p.version());
      champion.put("mlflow_run_id", p.runId());
      champion.put("step", step);
      if (step != null) {
        championGrid = mlflow.artifact(p.runId(), gridPath(step)).orElse(null);
      }
      championDetail =
          "v"
              + p.version()
              + " · run "
              + shortId(p.runId())
              + " · step "
              + (step == null ? "?" : step);
    }
    byte[] sheet =
        ChampionSheet.compose(
            new ChampionSheet.Side(championGrid, "champion: " + model, championDetail),
            new ChampionSheet.Side(
                grid,
                "challenger: " + model + " v" + version,
                "run " + shortId(run.runId()) + " · step " + checkpoint.step()));
    String sheetPath = "promotions/" + model + "_v" + version + "_sheet.png";
    artifacts.put(run.artifactUri(), sheetPath, sheet);
    return new PromotionAuditEvidence(
        grid == null ? null : checkpoint.gridPath(),
        null,
        grid,
        metrics,
        run.params(),
        sheetPath,
        champion,
        request.review());
  }

  private void moveBack(String model, Optional<AliasTarget> previous, String version, Exception e) {
    try {
      if (previous.isPresent()) {
        registry.setAlias(model, ALIAS, previous.get().version());
      } else {
        registry.deleteAlias(model, ALIAS);
      }
      LOG.warnf(
          "promotion of %s version %s failed to commit (%s); alias %s moved back to %s",
          model, version, e.getMessage(), ALIAS, previous.map(AliasTarget::version).orElse("none"));
    } catch (RuntimeException again) {
      e.addSuppressed(again);
      LOG.errorf(
          again,
          "promotion of %s version %s failed to commit and alias %s could not be moved back;"
              + " it points at an unaudited version",
          model,
          version,
          ALIAS);
    }
  }

  private static String gridPath(long step) {
    return String.format("samples/step_%07d.png", step);
  }

  private static String artifactUrl(String runId, String path) {
    return "/api/atelier/runs/" + runId + "/artifacts/" + path;
  }

  private static String shortId(String runId) {
    return runId == null ? "?" : runId.substring(0, Math.min(8, runId.length()));
  }
}
