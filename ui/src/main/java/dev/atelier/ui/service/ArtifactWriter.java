package dev.atelier.ui.service;

import dev.atelier.activities.mlflow.RunArtifacts;
import dev.atelier.ui.config.AtelierConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.http.HttpClient;

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
    RunArtifacts.put(http, trackingUri, artifactUri, ArtifactPaths.checked(path), bytes);
  }
}
