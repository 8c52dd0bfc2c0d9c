package dev.atelier.activities.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.activities.datasets.TrialDataset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlflow.tracking.MlflowClient;

/**
 * Records on a run which dataset trained it: an MLflow dataset input (MLflow's REST {@code
 * runs/log-inputs}, which the Java client lacks) with context {@code training}, and the tags
 * {@value AtelierTags#DATASET_NAME}, {@value AtelierTags#DATASET_VERSION} (registered sources only)
 * and {@value AtelierTags#DATASET_DIGEST} that Atelier searches runs by. MLflow keeps at most
 * {@value #DIGEST_MAX} characters of a dataset's digest, so the input carries the SHA-256's first
 * ones and the tag the whole.
 */
public final class DatasetInputs {
  /** MLflow's limit on a dataset digest ({@code MAX_DATASET_DIGEST_SIZE}). */
  public static final int DIGEST_MAX = 36;

  private static final ObjectMapper JSON = new ObjectMapper();

  private DatasetInputs() {}

  public static void log(MlflowClient mlflow, String runId, TrialDataset dataset) {
    mlflow.sendPost("runs/log-inputs", body(runId, dataset));
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(AtelierTags.DATASET_NAME, dataset.name());
    if (dataset.version() != null) {
      tags.put(AtelierTags.DATASET_VERSION, Integer.toString(dataset.version()));
    }
    tags.put(AtelierTags.DATASET_DIGEST, dataset.digest());
    MlflowRuns.logParamsAndTags(mlflow, runId, Map.of(), tags);
  }

  static String body(String runId, TrialDataset dataset) {
    Map<String, Object> profile = new LinkedHashMap<>();
    profile.put("files", dataset.files());
    profile.put("bytes", dataset.bytes());
    profile.put("classes", dataset.classes());
    profile.put("version", dataset.version());
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("name", dataset.name());
    input.put("digest", digest(dataset.digest()));
    input.put("source_type", dataset.uri().startsWith("s3://") ? "s3" : "local");
    input.put("source", json(Map.of("uri", dataset.uri())));
    input.put("profile", json(profile));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("run_id", runId);
    body.put(
        "datasets",
        List.of(
            Map.of(
                "dataset",
                input,
                "tags",
                List.of(Map.of("key", "mlflow.data.context", "value", "training")))));
    return json(body);
  }

  /** The digest as MLflow keeps it: its first {@value #DIGEST_MAX} characters. */
  public static String digest(String full) {
    return full.length() <= DIGEST_MAX ? full : full.substring(0, DIGEST_MAX);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write " + value + " as JSON", e);
    }
  }
}
