package dev.atelier.trainers.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.Optional;
import java.util.TreeSet;
import org.mlflow.tracking.MlflowClient;

/** Reads a run back through MLflow's REST API, as the MLflow UI and the Python client do. */
final class MlflowRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final String uri;

  MlflowRest(String uri) {
    this.uri = uri.replaceAll("/+$", "");
  }

  /** A fresh run in a fresh experiment, created the way the platform creates trial runs. */
  String newRun(String experiment) {
    MlflowClient client = new MlflowClient(uri);
    String id = client.createExperiment(experiment);
    String runId = client.createRun(id).getRunId();
    client.close();
    return runId;
  }

  JsonNode get(String path) throws Exception {
    HttpResponse<String> res =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(uri + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, res.statusCode(), path + ": " + res.body());
    return JSON.readTree(res.body());
  }

  JsonNode run(String runId) throws Exception {
    return get("/api/2.0/mlflow/runs/get?run_id=" + runId).get("run");
  }

  String status(String runId) throws Exception {
    return run(runId).path("info").path("status").asText();
  }

  Optional<String> tag(String runId, String key) throws Exception {
    for (JsonNode t : run(runId).path("data").path("tags")) {
      if (t.get("key").asText().equals(key)) {
        return Optional.of(t.get("value").asText());
      }
    }
    return Optional.empty();
  }

  /** Every step of the metric's history, in step order, duplicates included. */
  List<Long> steps(String runId, String key) throws Exception {
    List<Long> steps = new ArrayList<>();
    get("/api/2.0/mlflow/metrics/get-history?run_id=" + runId + "&metric_key=" + q(key))
        .path("metrics")
        .forEach(m -> steps.add(m.get("step").asLong()));
    steps.sort(null);
    return steps;
  }

  /** Every artifact file of the run, folders walked. */
  TreeSet<String> artifacts(String runId) throws Exception {
    TreeSet<String> all = new TreeSet<>();
    walk(runId, "", all);
    return all;
  }

  private void walk(String runId, String dir, TreeSet<String> into) throws Exception {
    for (JsonNode f :
        get("/api/2.0/mlflow/artifacts/list?run_id=" + runId + "&path=" + q(dir)).path("files")) {
      if (f.path("is_dir").asBoolean()) {
        walk(runId, f.get("path").asText(), into);
      } else {
        into.add(f.get("path").asText());
      }
    }
  }

  byte[] download(String runId, String path) throws Exception {
    String artifactPath =
        run(runId)
            .path("info")
            .path("artifact_uri")
            .asText()
            .replaceFirst("^mlflow-artifacts:/+", "");
    HttpResponse<byte[]> res =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        uri + "/api/2.0/mlflow-artifacts/artifacts/" + artifactPath + "/" + path))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, res.statusCode(), path);
    return res.body();
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
