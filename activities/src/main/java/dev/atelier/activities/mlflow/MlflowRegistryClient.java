package dev.atelier.activities.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;

/**
 * The registry over MLflow's REST API (the Java client has no calls for creating versions or
 * aliases), sent through the client's own HTTP helpers so credentials and host stay in one place.
 */
public final class MlflowRegistryClient implements MlflowRegistry {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final MlflowClient client;
  private final Duration readyTimeout;

  public MlflowRegistryClient(MlflowClient client) {
    this(client, Duration.ofSeconds(60));
  }

  public MlflowRegistryClient(MlflowClient client, Duration readyTimeout) {
    this.client = client;
    this.readyTimeout = readyTimeout;
  }

  @Override
  public String promote(String modelName, String runId, String artifactPath, String alias) {
    createModelIfMissing(modelName);
    String source = client.getRun(runId).getInfo().getArtifactUri() + "/" + artifactPath;
    JsonNode created =
        post("model-versions/create", Map.of("name", modelName, "source", source, "run_id", runId));
    String version = created.path("model_version").path("version").asText();
    awaitReady(modelName, version);
    post("registered-models/alias", Map.of("name", modelName, "alias", alias, "version", version));
    return version;
  }

  @Override
  public Optional<AliasTarget> alias(String modelName, String alias) {
    try {
      JsonNode version =
          get("registered-models/alias?name=" + enc(modelName) + "&alias=" + enc(alias))
              .path("model_version");
      return Optional.of(
          new AliasTarget(version.path("version").asText(), version.path("run_id").asText()));
    } catch (MlflowHttpException e) {
      if (MlflowRuns.doesNotExist(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private void createModelIfMissing(String modelName) {
    try {
      post("registered-models/create", Map.of("name", modelName));
    } catch (MlflowHttpException e) {
      if (!MlflowRuns.alreadyExists(e)) {
        throw e;
      }
    }
  }

  /** Servers that copy artifacts on registration report PENDING_REGISTRATION until done. */
  private void awaitReady(String modelName, String version) {
    long deadline = System.nanoTime() + readyTimeout.toNanos();
    while (true) {
      JsonNode mv =
          get("model-versions/get?name=" + enc(modelName) + "&version=" + enc(version))
              .path("model_version");
      String status = mv.path("status").asText("READY");
      if (status.equals("READY")) {
        return;
      }
      if (status.equals("FAILED_REGISTRATION")) {
        throw new IllegalStateException(
            "model "
                + modelName
                + " version "
                + version
                + " failed to register: "
                + mv.path("status_message").asText());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "model "
                + modelName
                + " version "
                + version
                + " still "
                + status
                + " after "
                + readyTimeout);
      }
      sleep(500);
    }
  }

  private JsonNode post(String path, Map<String, String> body) {
    try {
      return JSON.readTree(client.sendPost(path, JSON.writeValueAsString(body)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("MLflow answered " + path + " with invalid JSON", e);
    }
  }

  private JsonNode get(String pathAndQuery) {
    try {
      return JSON.readTree(client.sendGet(pathAndQuery));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("MLflow answered " + pathAndQuery + " with invalid JSON", e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a model version", e);
    }
  }
}
