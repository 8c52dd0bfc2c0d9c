package dev.atelier.ui.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.activities.trials.TrialActivitiesImpl;
import dev.atelier.ui.repository.PromotionAuditRow;
import dev.atelier.ui.service.ChampionView;
import dev.atelier.ui.service.MetricPoint;
import dev.atelier.ui.service.MlflowRuns;
import dev.atelier.ui.service.PromotionCheckpoint;
import dev.atelier.ui.service.PromotionCheckpoints;
import dev.atelier.ui.service.PromotionService;
import dev.atelier.ui.service.RegisteredModels;
import dev.atelier.ui.service.RunView;
import dev.atelier.workflows.activities.ChampionActivities;
import dev.atelier.workflows.activities.TaskCall;
import dev.atelier.workflows.activities.TrialHandle;
import dev.atelier.workflows.activities.TrialOutcome;
import dev.atelier.workflows.activities.TrialRequest;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlflow.tracking.MlflowClient;

/**
 * The app side of an {@code EvaluateChampionOperator}: finds the champion of the challenger's
 * registered model (where its {@code champion} alias points), copies its promoted checkpoint from
 * MLflow into the evaluation trial's folder, and runs that trial through the worker's own trial
 * activities — the same trainer command on the same launcher as the sweep's trials — with {@code
 * steps} equal to the checkpoint's step, so it trains nothing and reports the sweep's quality
 * metrics and probe grid on the challenger's data. A retried try finds the evaluation's run still
 * RUNNING and waits for the same job, as a trial's retry does.
 */
@Singleton
public class ChampionEvaluationActivitiesImpl implements ChampionActivities {
  /** Tag on the evaluation's MLflow run: what it is. */
  public static final String KIND_TAG = "atelier.kind";

  public static final String KIND = "champion_evaluation";

  /** Tag on the evaluation's MLflow run: the champion run it measured. */
  public static final String EVALUATES_TAG = "atelier.evaluates";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DESCRIPTOR = "checkpoint.json";

  private final MlflowRuns mlflow;
  private final MlflowClient client;
  private final PromotionService promotions;
  private final PromotionCheckpoints checkpoints;
  private volatile TrialActivitiesImpl trials;

  ChampionEvaluationActivitiesImpl(
      MlflowRuns mlflow,
      MlflowClient client,
      PromotionService promotions,
      PromotionCheckpoints checkpoints) {
    this.mlflow = mlflow;
    this.client = client;
    this.promotions = promotions;
    this.checkpoints = checkpoints;
  }

  /** The worker's trial activities, which run the evaluation's job (set when the worker starts). */
  void useTrials(TrialActivitiesImpl trials) {
    this.trials = trials;
  }

  @Override
  public Map<String, Object> evaluateChampion(TaskCall call) {
    Map<String, Object> args = call.args() == null ? Map.of() : call.args();
    Map<String, Object> best = map(args.get("best"), "best");
    Map<String, Object> dataset = map(args.get("dataset"), "dataset");
    List<String[]> metrics = metrics(args.get("metrics"));
    long probeSeed = args.get("probe_seed") instanceof Number n ? n.longValue() : 1234L;
    if (!(best.get("mlflow_run_id") instanceof String challengerId) || challengerId.isBlank()) {
      throw refuse("best: " + best + " names no mlflow_run_id; pass pick_best's output");
    }
    RunView challenger =
        mlflow
            .run(challengerId)
            .orElseThrow(
                () -> refuse("best.mlflow_run_id: '" + challengerId + "' is not an MLflow run"));
    String model = RegisteredModels.forRun(challenger);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", model);
    out.put("metrics", metrics.stream().map(m -> m[0] + ":" + m[1]).toList());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("path", dataset.get("path"));
    data.put("fingerprint", dataset.get("fingerprint"));
    data.put("image_count", dataset.get("image_count"));
    out.put("dataset", data);
    Map<String, Object> challengerSide = new LinkedHashMap<>();
    challengerSide.put("mlflow_run_id", challengerId);
    challengerSide.put("step", lastStep(challenger));
    challengerSide.put("values", values(challenger.latestMetrics(), metrics));
    out.put("challenger", challengerSide);
    Optional<ChampionView> champion =
        promotions.champion(model).filter(c -> !c.mlflowRunId().equals(challengerId));
    if (champion.isEmpty()) {
      out.put("champion", null);
      out.put("better", Map.of());
      return out;
    }
    ChampionView c = champion.get();
    PromotionCheckpoint checkpoint = checkpointOf(c);
    TrialActivitiesImpl runner = requireTrials();
    TrialRequest probe = request(call, Map.of(), dataset, probeSeed);
    Path init = TrialActivitiesImpl.initFolder(runner.folderOf(probe));
    JsonNode descriptor = download(c.mlflowRunId(), checkpoint.path(), init);
    TrialRequest request =
        request(call, hyperparams(descriptor), withImageSize(dataset, descriptor), probeSeed);
    TrialHandle handle = runner.launchTrial(request);
    client.setTag(handle.mlflowRunId(), KIND_TAG, KIND);
    client.setTag(handle.mlflowRunId(), EVALUATES_TAG, c.mlflowRunId());
    client.setTag(handle.mlflowRunId(), RegisteredModels.TAG, model);
    TrialOutcome outcome = runner.awaitTrial(handle);
    if (!outcome.succeeded()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the champion's evaluation (MLflow run "
              + outcome.mlflowRunId()
              + ") ended "
              + outcome.status()
              + ": "
              + outcome.reason(),
          "ChampionEvaluationFailed");
    }
    Map<String, Object> championSide = new LinkedHashMap<>();
    championSide.put("mlflow_run_id", c.mlflowRunId());
    championSide.put("version", c.version());
    championSide.put("step", checkpoint.step());
    championSide.put("checkpoint", checkpoint.path());
    championSide.put("evaluation_run_id", outcome.mlflowRunId());
    championSide.put("values", values(outcome.metrics(), metrics));
    out.put("champion", championSide);
    out.put("better", better(challengerSide, championSide, metrics));
    return out;
  }

  /** Per metric: whether the challenger's value beats the champion's (null when one is missing). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> better(
      Map<String, Object> challenger, Map<String, Object> champion, List<String[]> metrics) {
    Map<String, Object> ch = (Map<String, Object>) challenger.get("values");
    Map<String, Object> cp = (Map<String, Object>) champion.get("values");
    Map<String, Object> out = new LinkedHashMap<>();
    for (String[] m : metrics) {
      Object a = ch.get(m[0]);
      Object b = cp.get(m[0]);
      if (a instanceof Number x && b instanceof Number y) {
        out.put(
            m[0],
            m[1].equals("min")
                ? x.doubleValue() < y.doubleValue()
                : x.doubleValue() > y.doubleValue());
      } else {
        out.put(m[0], null);
      }
    }
    return out;
  }

  private PromotionCheckpoint checkpointOf(ChampionView c) {
    PromotionAuditRow audit = c.audit();
    if (audit != null && audit.checkpointPath() != null && audit.step() != null) {
      return new PromotionCheckpoint(audit.checkpointPath(), audit.step());
    }
    return checkpoints.resolve(c.mlflowRunId(), "final");
  }

  /**
   * Copies the checkpoint folder's files from MLflow into {@code init} (through a sibling folder
   * moved into place, so a half-copied checkpoint is never taken); a copy already there is kept.
   */
  private JsonNode download(String runId, String dir, Path init) {
    try {
      if (!Files.isRegularFile(init.resolve(DESCRIPTOR))) {
        Path tmp = init.resolveSibling(init.getFileName() + ".partial");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        List<String> files = mlflow.listArtifacts(runId, dir);
        if (files.stream().noneMatch(f -> f.endsWith("/" + DESCRIPTOR))) {
          throw ApplicationFailure.newNonRetryableFailure(
              "the champion's checkpoint "
                  + dir
                  + " of MLflow run "
                  + runId
                  + " has no "
                  + DESCRIPTOR,
              "NoChampionCheckpoint");
        }
        for (String f : files) {
          byte[] bytes =
              mlflow
                  .artifact(runId, f)
                  .orElseThrow(
                      () -> new IOException("MLflow run " + runId + " lost its artifact " + f));
          Files.write(tmp.resolve(f.substring(f.lastIndexOf('/') + 1)), bytes);
        }
        deleteTree(init);
        Files.move(tmp, init, StandardCopyOption.ATOMIC_MOVE);
      }
      return JSON.readTree(init.resolve(DESCRIPTOR).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The champion's own trial settings, with {@code steps} at its checkpoint's step. */
  private static Map<String, Object> hyperparams(JsonNode d) {
    Map<String, Object> hp = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = d.path("hyperparams").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      hp.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
    }
    if (hp.containsKey("lr_g") || hp.containsKey("lr_d")) {
      hp.remove("lr"); // the shorthand beside both rates conflicts when they differ
    }
    hp.put("steps", d.path("step").asInt());
    hp.put("model", d.path("model").asText());
    hp.put("seed", d.path("seed").asLong(42));
    JsonNode progressive = d.path("trial").path("progressive");
    if (progressive.isObject()) {
      hp.put("progressive", JSON.convertValue(progressive, Map.class));
    }
    return hp;
  }

  private static Map<String, Object> withImageSize(Map<String, Object> dataset, JsonNode d) {
    Map<String, Object> out = new LinkedHashMap<>(dataset);
    out.put("image_size", d.path("image_size").asInt());
    return out;
  }

  private static TrialRequest request(
      TaskCall call, Map<String, Object> hp, Map<String, Object> dataset, long probeSeed) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("path", dataset.get("path"));
    if (dataset.get("image_size") != null) {
      data.put("image_size", dataset.get("image_size"));
    }
    // A bucket's copy: lineage names the bucket's version by these.
    for (String k : List.of("source_uri", "fingerprint")) {
      if (dataset.get(k) != null) {
        data.put(k, dataset.get(k));
      }
    }
    return new TrialRequest(
        call.dagId(),
        call.runId(),
        call.taskId(),
        call.mapIndex(),
        null,
        null,
        hp,
        data,
        probeSeed,
        0,
        Map.of(),
        null,
        Map.of(TrialActivitiesImpl.PREPARED, true));
  }

  private static Map<String, Object> values(Map<String, ?> latest, List<String[]> metrics) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String[] m : metrics) {
      Object v = latest.get(m[0]);
      out.put(m[0], v instanceof MetricPoint p ? (Object) p.value() : v);
    }
    return out;
  }

  private static long lastStep(RunView run) {
    return run.latestMetrics().values().stream().mapToLong(MetricPoint::step).max().orElse(0);
  }

  private TrialActivitiesImpl requireTrials() {
    TrialActivitiesImpl t = trials;
    if (t == null) {
      throw ApplicationFailure.newFailure(
          "the worker's trial activities are not started", "NotReady");
    }
    return t;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String field) {
    if (!(value instanceof Map<?, ?> m)) {
      throw refuse(field + ": " + value + " must be an upstream task's output");
    }
    return (Map<String, Object>) m;
  }

  private static List<String[]> metrics(Object value) {
    List<String[]> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object o : list) {
        String[] parts = String.valueOf(o).split(":");
        if (parts.length == 2 && (parts[1].equals("min") || parts[1].equals("max"))) {
          out.add(parts);
        } else {
          throw refuse(
              "metrics: '" + o + "' must be a metric name and min or max, e.g. fd_rgb8:min");
        }
      }
    }
    if (out.isEmpty()) {
      throw refuse("metrics: " + value + " must list at least one metric, e.g. fd_rgb8:min");
    }
    return out;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static ApplicationFailure refuse(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, "BadEvaluation");
  }
}
