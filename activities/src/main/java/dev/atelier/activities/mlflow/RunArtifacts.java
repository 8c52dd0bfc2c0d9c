package dev.atelier.activities.mlflow;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.mlflow.tracking.MlflowClient;

/**
 * Stores a file with a run through the tracking server's artifact proxy ({@code PUT
 * /api/2.0/mlflow-artifacts/artifacts/...}), as the trainer does: the Java client's own {@code
 * logArtifact} shells out to MLflow's Python CLI, which a worker does not have. Works for runs
 * whose artifact root is {@code mlflow-artifacts:} (a server started with {@code
 * --serve-artifacts}, as Atelier's is).
 */
public final class RunArtifacts {
  private static final String PROXY_SCHEME = "mlflow-artifacts:";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private RunArtifacts() {}

  /**
   * @param trackingUri the tracking server, {@code http://host:port}
   * @param path the file's path under the run's artifact root, {@code dataset/curation.png}
   */
  public static void put(
      MlflowClient mlflow, String trackingUri, String runId, String path, byte[] bytes) {
    put(HTTP, trackingUri, mlflow.getRun(runId).getInfo().getArtifactUri(), path, bytes);
  }

  /**
   * The PUT itself, for any artifact root the proxy serves (a run's or a logged model's): the one
   * place Atelier's worker and app store files in MLflow.
   *
   * @param artifactUri the root, {@code mlflow-artifacts:/...} (an authority, if any, dropped)
   * @param path the file's path under it
   */
  public static void put(
      HttpClient http, String trackingUri, String artifactUri, String path, byte[] bytes) {
    if (!artifactUri.startsWith(PROXY_SCHEME)) {
      throw new IllegalStateException(
          "artifact root '"
              + artifactUri
              + "' is not served by the tracking server (--serve-artifacts)");
    }
    String root = artifactUri.substring(PROXY_SCHEME.length());
    if (root.startsWith("//")) {
      int slash = root.indexOf('/', 2);
      root = slash < 0 ? "" : root.substring(slash);
    }
    URI uri =
        URI.create(
            trackingUri.replaceAll("/+$", "")
                + "/api/2.0/mlflow-artifacts/artifacts/"
                + encode(root + "/" + path));
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(Duration.ofMinutes(2))
                  .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "MLflow's artifact proxy answered " + r.statusCode() + " storing " + path);
      }
    } catch (IOException e) {
      throw new IllegalStateException("MLflow's artifact proxy unreachable at " + trackingUri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while storing " + path, e);
    }
  }

  /** Each non-empty segment percent-encoded for a URL path. */
  private static String encode(String path) {
    List<String> out = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        out.add(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
      }
    }
    return String.join("/", out);
  }
}
