package dev.atelier.ui.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MLflow's own REST API, read the way the standard MLflow UI and Python client read it: the
 * end-to-end test asserts through this, not through Atelier's code, that the layout contract holds.
 */
final class MlflowRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  MlflowRest(String base) {
    this.base = base.replaceAll("/$", "");
  }

  JsonNode get(String path, Map<String, String> query) throws Exception {
    StringBuilder url = new StringBuilder(base).append(path).append('?');
    query.forEach(
        (k, v) ->
            url.append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8))
                .append('&'));
    return send(HttpRequest.newBuilder(URI.create(url.toString())).GET().build());
  }

  JsonNode post(String path, Object body) throws Exception {
    String json = JSON.writeValueAsString(body);
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  byte[] bytes(String path) throws Exception {
    HttpResponse<byte[]> resp =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (resp.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " answered " + resp.statusCode());
    }
    return resp.body();
  }

  /** Runs of the experiment matching an MLflow search filter. */
  List<JsonNode> searchRuns(String experimentName, String filter) throws Exception {
    String id =
        get("/api/2.0/mlflow/experiments/get-by-name", Map.of("experiment_name", experimentName))
            .at("/experiment/experiment_id")
            .asText();
    JsonNode found =
        post(
            "/api/2.0/mlflow/runs/search",
            Map.of("experiment_ids", List.of(id), "filter", filter, "max_results", 100));
    List<JsonNode> runs = new ArrayList<>();
    found.path("runs").forEach(runs::add);
    return runs;
  }

  static String tag(JsonNode run, String key) {
    for (JsonNode t : run.at("/data/tags")) {
      if (key.equals(t.path("key").asText())) {
        return t.path("value").asText();
      }
    }
    return null;
  }

  private JsonNode send(HttpRequest req) throws Exception {
    HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() != 200) {
      throw new IllegalStateException(
          req.uri() + " answered " + resp.statusCode() + ": " + resp.body());
    }
    return JSON.readTree(resp.body());
  }
}
