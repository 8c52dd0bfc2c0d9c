package dev.atelier.ui.service;

import dev.atelier.ui.config.AtelierConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Writes files through the tracking server's artifact proxy, the way the trainer does: a promotion
 * stores its champion-vs-challenger sheet with the run and copies the promoted checkpoint into its
 * logged model. Reading stays with {@link MlflowRuns}.
 */
@ApplicationScoped
public class ArtifactWriter {
  private final HttpClient http;
  private final String trackingUri;

  ArtifactWriter(HttpClient http, AtelierConfig config) {
    this.http = http;
    this.trackingUri = config.mlflow().uri().replaceAll("/+$", "");
  }

  /**
   * @param artifactUri a run's or logged model's artifact root ({@code mlflow-artifacts:/...})
   * @param path the file's path under it
   */
  public void put(String artifactUri, String path, byte[] bytes) {
    String root =
        ArtifactPaths.proxyRoot(artifactUri)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "artifact root '"
                            + artifactUri
                            + "' is not served by the tracking server (--serve-artifacts)"));
    URI uri =
        URI.create(
            trackingUri
                + "/api/2.0/mlflow-artifacts/artifacts/"
                + ArtifactPaths.encode(root)
                + "/"
                + ArtifactPaths.encode(ArtifactPaths.checked(path)));
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
            "MLflow artifact proxy answered " + r.statusCode() + " storing " + path);
      }
    } catch (IOException e) {
      throw new IllegalStateException("MLflow artifact proxy unreachable at " + trackingUri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while storing " + path, e);
    }
  }
}
