package dev.atelier.ui.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.ui.config.AtelierConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.concurrent.ConcurrentHashMap;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;

/**
 * Reads runs, metric histories and artifacts from the MLflow tracking server. Runs, params and
 * metrics go through MLflow's Java client; artifacts go over HTTP to the server's artifact proxy,
 * because the Java client's artifact path shells out to a Python CLI.
 */
@ApplicationScoped
public class MlflowRuns {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MlflowClient client;
  private final HttpClient http;
  private final String trackingUri;
  private final ArtifactCache cache;
  // A run's artifact root never changes, so it is looked up once per run.
  private final Map<String, String> proxyRoots = new ConcurrentHashMap<>();

  MlflowRuns(MlflowClient client, HttpClient http, AtelierConfig config, ArtifactCache cache) {
    this.client = client;
    this.http = http;
    this.trackingUri = stripSlash(config.mlflow().uri());
    this.cache = cache;
  }

  /** The run, or empty when MLflow does not know the id. */
  public Optional<RunView> run(String runId) {
    Service.Run run;
    try {
      run = client.getRun(runId);
    } catch (MlflowHttpException e) {
      if (e.getStatusCode() == 404 || e.getStatusCode() == 400) {
        return Optional.empty();
      }
      throw e;
    }
    return Optional.of(view(run));
  }

  /**
   * Active runs of the named experiment that match MLflow's search {@code filter} (at most 1,000);
   * none when the experiment does not exist.
   */
  public List<RunView> search(String experimentName, String filter) {
    Optional<String> experimentId =
        client.getExperimentByName(experimentName).map(Service.Experiment::getExperimentId);
    if (experimentId.isEmpty()) {
      return List.of();
    }
    return client
        .searchRuns(List.of(experimentId.get()), filter, Service.ViewType.ACTIVE_ONLY, 1000)
        .getItems()
        .stream()
        .map(this::view)
        .toList();
  }

  /**
   * Active runs of every active experiment that match MLflow's search {@code filter}, at most
   * {@code limit}: for questions that cross Dags (which runs trained on a dataset version).
   */
  public List<RunView> searchEverywhere(String filter, int limit) {
    List<String> ids =
        client
            .searchExperiments(null, Service.ViewType.ACTIVE_ONLY, 1000, List.of())
            .getItems()
            .stream()
            .map(Service.Experiment::getExperimentId)
            .toList();
    List<RunView> runs = new ArrayList<>();
    // MLflow takes at most 100 experiments per search.
    for (int i = 0; i < ids.size() && runs.size() < limit; i += 100) {
      client
          .searchRuns(
              ids.subList(i, Math.min(ids.size(), i + 100)),
              filter,
              Service.ViewType.ACTIVE_ONLY,
              limit - runs.size())
          .getItems()
          .forEach(r -> runs.add(view(r)));
    }
    return runs;
  }

  /** A string literal for MLflow's search filter. */
  public static String quote(String value) {
    return value.contains("'") ? '"' + value + '"' : "'" + value + "'";
  }

  private RunView view(Service.Run run) {
    String runId = run.getInfo().getRunId();
    Map<String, String> params = new LinkedHashMap<>();
    run.getData().getParamsList().forEach(p -> params.put(p.getKey(), p.getValue()));
    Map<String, String> tags = new LinkedHashMap<>();
    run.getData().getTagsList().forEach(t -> tags.put(t.getKey(), t.getValue()));
    Map<String, MetricPoint> metrics = new LinkedHashMap<>();
    run.getData()
        .getMetricsList()
        .forEach(
            m ->
                metrics.put(
                    m.getKey(), new MetricPoint(m.getStep(), m.getValue(), m.getTimestamp())));
    String artifactUri = run.getInfo().getArtifactUri();
    ArtifactPaths.proxyRoot(artifactUri).ifPresent(root -> proxyRoots.put(runId, root));
    return new RunView(runId, run.getInfo().getStatus().name(), artifactUri, params, tags, metrics);
  }

  public List<MetricPoint> history(String runId, String key) {
    List<MetricPoint> points = new ArrayList<>();
    for (Service.Metric m : client.getMetricHistory(runId, key)) {
      points.add(new MetricPoint(m.getStep(), m.getValue(), m.getTimestamp()));
    }
    return points;
  }

  /** Artifact file paths (relative to the run's root) directly under {@code dir}. */
  public List<String> listArtifacts(String runId, String dir) {
    String json =
        client.sendGet(
            "artifacts/list?run_id=" + query(runId) + "&path=" + query(ArtifactPaths.checked(dir)));
    List<String> files = new ArrayList<>();
    try {
      for (JsonNode file : JSON.readTree(json).path("files")) {
        if (!file.path("is_dir").asBoolean(false)) {
          files.add(file.path("path").asText());
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("MLflow answered artifacts/list with unreadable JSON", e);
    }
    return files;
  }

  /**
   * An artifact's bytes, whole, for the app's own use (grids it composes, a checkpoint it copies),
   * from memory when seen before; empty when the run or file does not exist. Small files are kept
   * in {@link ArtifactCache}.
   */
  public Optional<byte[]> artifact(String runId, String path) {
    String checked = ArtifactPaths.checked(path);
    String key = runId + "/" + checked;
    Optional<byte[]> cached = cache.get(key);
    if (cached.isPresent()) {
      return cached;
    }
    Optional<HttpResponse<InputStream>> response = fetch(runId, checked);
    if (response.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes;
    try (InputStream in = response.get().body()) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("MLflow artifact proxy broke off sending " + key, e);
    }
    cache.put(key, bytes);
    return Optional.of(bytes);
  }

  /**
   * An artifact for a client, without holding a large one in memory: small files (up to {@link
   * ArtifactCache#MAX_ENTRY_BYTES}) come whole and are cached, larger ones as MLflow's open
   * response. Empty when the run or file does not exist.
   *
   * @throws ApiProblem 400 naming the path, its size and {@code maxBytes} when MLflow says it is
   *     larger
   */
  public Optional<ArtifactBody> openArtifact(String runId, String path, long maxBytes) {
    String checked = ArtifactPaths.checked(path);
    String key = runId + "/" + checked;
    Optional<byte[]> cached = cache.get(key);
    if (cached.isPresent()) {
      return Optional.of(new ArtifactBody.InMemory(cached.get()));
    }
    Optional<HttpResponse<InputStream>> fetched = fetch(runId, checked);
    if (fetched.isEmpty()) {
      return Optional.empty();
    }
    HttpResponse<InputStream> response = fetched.get();
    long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    ArtifactBody.Streamed streamed =
        new ArtifactBody.Streamed(
            response.body(), length, response.headers().firstValue("ETag").orElse(null), maxBytes);
    if (length > maxBytes) {
      streamed.discard();
      throw ApiProblem.badRequest(
          "path: '"
              + checked
              + "' is "
              + length
              + " bytes, more than the "
              + maxBytes
              + " bytes the pages' artifact proxy serves (atelier.artifacts.max-bytes); fetch it"
              + " from MLflow");
    }
    if (length < 0 || length > ArtifactCache.MAX_ENTRY_BYTES) {
      return Optional.of(streamed);
    }
    byte[] bytes;
    try (InputStream in = response.body()) {
      bytes = in.readNBytes(ArtifactCache.MAX_ENTRY_BYTES + 1);
    } catch (IOException e) {
      throw new IllegalStateException("MLflow artifact proxy broke off sending " + key, e);
    }
    cache.put(key, bytes);
    return Optional.of(new ArtifactBody.InMemory(bytes));
  }

  /**
   * MLflow's answer for the artifact, unread; empty for a 404 or a run without proxied artifacts.
   */
  private Optional<HttpResponse<InputStream>> fetch(String runId, String checked) {
    String key = runId + "/" + checked;
    Optional<String> root = proxyRoot(runId);
    if (root.isEmpty()) {
      return Optional.empty();
    }
    URI uri =
        URI.create(
            trackingUri
                + "/api/2.0/mlflow-artifacts/artifacts/"
                + ArtifactPaths.encode(root.get())
                + "/"
                + ArtifactPaths.encode(checked));
    HttpResponse<InputStream> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new IllegalStateException("MLflow artifact proxy unreachable at " + trackingUri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fetching " + key, e);
    }
    if (response.statusCode() == 200) {
      return Optional.of(response);
    }
    try {
      response.body().close();
    } catch (IOException ignored) {
      // An error answer's body is not read.
    }
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    throw new IllegalStateException(
        "MLflow artifact proxy answered " + response.statusCode() + " for " + key);
  }

  private Optional<String> proxyRoot(String runId) {
    String known = proxyRoots.get(runId);
    if (known != null) {
      return Optional.of(known);
    }
    return run(runId).flatMap(r -> ArtifactPaths.proxyRoot(r.artifactUri()));
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String stripSlash(String uri) {
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }
}
