package dev.atelier.activities.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.activities.datasets.CurationSheet;
import dev.atelier.activities.datasets.VersionCuration;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlflow.tracking.MlflowClient;

/**
 * Stores a version's curation report with a run that trains on it: {@value #JSON_PATH} (the counts,
 * every flagged file with its reason, the rules, and the files this trial leaves out) and {@value
 * #PNG_PATH} ({@link CurationSheet}); the tag {@value #EXCLUDED_TAG} says how many files the trial
 * leaves out.
 */
public final class CurationArtifacts {
  public static final String JSON_PATH = "dataset/curation.json";
  public static final String PNG_PATH = "dataset/curation.png";

  /** How many of the version's files the trial was told to leave out (0 when none). */
  public static final String EXCLUDED_TAG = "atelier.dataset_excluded";

  private static final ObjectMapper JSON = new ObjectMapper();

  private CurationArtifacts() {}

  /**
   * @param excluded the paths the trial leaves out, relative to its folder
   */
  public static void log(
      MlflowClient mlflow,
      String trackingUri,
      String runId,
      VersionCuration curation,
      List<String> excluded) {
    mlflow.setTag(runId, EXCLUDED_TAG, Integer.toString(excluded.size()));
    RunArtifacts.put(mlflow, trackingUri, runId, JSON_PATH, json(curation, excluded));
    RunArtifacts.put(mlflow, trackingUri, runId, PNG_PATH, CurationSheet.png(curation));
  }

  static byte[] json(VersionCuration c, List<String> excluded) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dataset", c.name());
    m.put("version", c.version());
    m.put(
        "rules",
        Map.of(
            "min_image_size", c.rules().minImageSize(),
            "min_class_size", c.rules().minClassSize(),
            "near_dup_distance", c.rules().nearDupDistance()));
    m.put("exclude_duplicates", c.excludeDuplicates());
    m.put("exclude_rejects", c.excludeRejects());
    m.putAll(c.report().toMap(Integer.MAX_VALUE));
    m.put("excluded", excluded);
    try {
      return JSON.writerWithDefaultPrettyPrinter()
          .writeValueAsString(m)
          .getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write the curation report as JSON", e);
    }
  }
}
