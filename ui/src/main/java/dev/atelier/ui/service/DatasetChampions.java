package dev.atelier.ui.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.activities.mlflow.AtelierTags;
import dev.atelier.activities.mlflow.MlflowRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mlflow.tracking.MlflowClient;

/**
 * Which versions of a dataset source the current champions came from. From MLflow, in three steps
 * whatever the number of versions: one run search for the runs tagged with the source's name
 * ({@value AtelierTags#DATASET_NAME}, written by the worker's lineage), one model-version search
 * per 100 of those runs ({@code run_id IN (...)}) for the registered models they went into, then
 * each such model's {@code champion} alias. A model counts when its alias points at a version
 * registered from one of those runs; that run's {@value AtelierTags#DATASET_VERSION} is the
 * version.
 */
@ApplicationScoped
public class DatasetChampions {
  /** The runs of a source read at most: a source's trials, as its versions' run lists read them. */
  static final int LIMIT = 1000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int RUNS_PER_SEARCH = 100;

  private final MlflowRuns runs;
  private final MlflowClient client;
  private final MlflowRegistry registry;

  DatasetChampions(MlflowRuns runs, MlflowClient client, MlflowRegistry registry) {
    this.runs = runs;
    this.client = client;
    this.registry = registry;
  }

  /** Version number → the registered models whose champion was trained on it. */
  public Map<Integer, List<ChampionMark>> of(String sourceName) {
    Map<String, Integer> versionOf = new LinkedHashMap<>();
    for (RunView run :
        runs.searchEverywhere(
            "tags.`" + AtelierTags.DATASET_NAME + "` = " + MlflowRuns.quote(sourceName), LIMIT)) {
      String v = run.tag(AtelierTags.DATASET_VERSION);
      if (v != null && v.matches("[0-9]{1,9}")) {
        versionOf.put(run.runId(), Integer.valueOf(v));
      }
    }
    TreeSet<String> models = new TreeSet<>();
    List<String> ids = new ArrayList<>(versionOf.keySet());
    for (int i = 0; i < ids.size(); i += RUNS_PER_SEARCH) {
      models.addAll(modelsOf(ids.subList(i, Math.min(ids.size(), i + RUNS_PER_SEARCH))));
    }
    Map<Integer, List<ChampionMark>> out = new TreeMap<>();
    for (String model : models) {
      registry
          .alias(model, PromotionService.ALIAS)
          .filter(a -> versionOf.containsKey(a.runId()))
          .ifPresent(
              a ->
                  out.computeIfAbsent(versionOf.get(a.runId()), k -> new ArrayList<>())
                      .add(new ChampionMark(model, a.version(), a.runId())));
    }
    return out;
  }

  /** The registered models with a version from one of {@code runIds}. */
  private List<String> modelsOf(List<String> runIds) {
    String filter =
        "run_id IN (" + String.join(",", runIds.stream().map(id -> "'" + id + "'").toList()) + ")";
    try {
      JsonNode answer =
          JSON.readTree(
              client.sendGet(
                  "model-versions/search?max_results=10000&filter="
                      + URLEncoder.encode(filter, StandardCharsets.UTF_8)));
      List<String> names = new ArrayList<>();
      answer.path("model_versions").forEach(v -> names.add(v.path("name").asText()));
      return names;
    } catch (IOException e) {
      throw new IllegalStateException(
          "MLflow answered model-versions/search with unreadable JSON", e);
    }
  }
}
