package dev.atelier.activities.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;

/**
 * The registry over MLflow's REST API (the Java client has no calls for creating versions, aliases
 * or logged models), sent through the client's own HTTP helpers so credentials and host stay in one
 * place; only DELETE, which those helpers lack, goes over java.net.http.
 */
public final class MlflowRegistryClient implements MlflowRegistry {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final MlflowClient client;
  private final Duration readyTimeout;

  private final String trackingUri;
  private final HttpClient http = HttpClient.newHttpClient();

  public MlflowRegistryClient(MlflowClient client) {
    this(client, Duration.ofSeconds(60), null);
  }

  /**
   * @param trackingUri the server's address, for the one call the Java client cannot send (DELETE,
   *     to take an alias back); null leaves {@link #deleteAlias} unsupported
   */
  public MlflowRegistryClient(MlflowClient client, String trackingUri) {
    this(client, Duration.ofSeconds(60), trackingUri);
  }

  public MlflowRegistryClient(MlflowClient client, Duration readyTimeout, String trackingUri) {
    this.client = client;
    this.readyTimeout = readyTimeout;
    this.trackingUri = trackingUri == null ? null : trackingUri.replaceAll("/+$", "");
  }

  @Override
  public String runSource(String runId, String artifactPath) {
    return client.getRun(runId).getInfo().getArtifactUri() + "/" + artifactPath;
  }

  @Override
  public String registerVersion(String modelName, String source, String runId, String modelId) {
    createModelIfMissing(modelName);
    Map<String, String> body = new LinkedHashMap<>();
    body.put("name", modelName);
    body.put("source", source);
    body.put("run_id", runId);
    if (modelId != null) {
      body.put("model_id", modelId);
    }
    JsonNode created = post("model-versions/create", body);
    String version = created.path("model_version").path("version").asText();
    awaitReady(modelName, version);
    return version;
  }

  @Override
  public void setAlias(String modelName, String alias, String version) {
    post("registered-models/alias", Map.of("name", modelName, "alias", alias, "version", version));
  }

  @Override
  public void deleteAlias(String modelName, String alias) {
    if (trackingUri == null) {
      throw new UnsupportedOperationException("deleteAlias needs the tracking URI");
    }
    URI uri =
        URI.create(
            trackingUri
                + "/api/2.0/mlflow/registered-models/alias?name="
                + enc(modelName)
                + "&alias="
                + enc(alias));
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).DELETE().build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200 && r.statusCode() != 404) {
        throw new IllegalStateException(
            "MLflow answered " + r.statusCode() + " deleting alias " + alias + ": " + r.body());
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("MLflow unreachable at " + trackingUri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted deleting alias " + alias, e);
    }
  }

  @Override
  public Optional<LoggedModel> createLoggedModel(
      String experimentId,
      String name,
      String sourceRunId,
      Map<String, String> params,
      Map<String, String> tags) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("experiment_id", experimentId);
    body.put("name", name);
    body.put("model_type", "atelier-djl-gan");
    body.put("source_run_id", sourceRunId);
    body.put("params", keyValues(params));
    body.put("tags", keyValues(tags));
    JsonNode info;
    try {
      info = postAny("logged-models", body).path("model").path("info");
    } catch (MlflowHttpException e) {
      if (e.getStatusCode() == 404
          && !(e.getBodyMessage() != null
              && e.getBodyMessage().contains("RESOURCE_DOES_NOT_EXIST"))) {
        return Optional.empty(); // a server before MLflow 3: no such endpoint
      }
      throw e;
    }
    return Optional.of(
        new LoggedModel(info.path("model_id").asText(), info.path("artifact_uri").asText()));
  }

  @Override
  public void finishLoggedModel(String modelId, String runId, List<ModelMetric> metrics) {
    List<Map<String, Object>> batch = new ArrayList<>();
    for (ModelMetric m : metrics) {
      Map<String, Object> metric = new LinkedHashMap<>();
      metric.put("key", m.key());
      metric.put("value", m.value());
      metric.put("timestamp", m.timestamp());
      metric.put("step", m.step());
      metric.put("model_id", modelId);
      batch.add(metric);
    }
    if (!batch.isEmpty()) {
      postAny("runs/log-batch", Map.of("run_id", runId, "metrics", batch));
    }
    try {
      client.sendPatch(
          "logged-models/" + enc(modelId),
          JSON.writeValueAsString(Map.of("model_id", modelId, "status", "LOGGED_MODEL_READY")));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Map<String, String>> keyValues(Map<String, String> values) {
    List<Map<String, String>> out = new ArrayList<>();
    values.forEach((k, v) -> out.add(Map.of("key", k, "value", v)));
    return out;
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
      // MLflow 3 answers an unset alias of an existing model with 400 "alias ... not found".
      if (MlflowRuns.doesNotExist(e)
          || (e.getStatusCode() == 400
              && e.getBodyMessage() != null
              && e.getBodyMessage().contains("alias " + alias + " not found"))) {
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
    return postAny(path, body);
  }

  private JsonNode postAny(String path, Map<String, ?> body) {
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
