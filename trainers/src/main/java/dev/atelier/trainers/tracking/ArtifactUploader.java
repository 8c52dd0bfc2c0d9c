package dev.atelier.trainers.tracking;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * PUTs files to the tracking server's artifact proxy ({@code
 * <tracking_uri>/api/2.0/mlflow-artifacts/artifacts/<run artifact path>/<path>}), one at a time on
 * a background thread so the step loop never waits on the network. Failures are collected and
 * reported by {@link #await}.
 */
final class ArtifactUploader {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "mlflow-artifacts");
            t.setDaemon(true);
            return t;
          });
  private final List<String> failures = new CopyOnWriteArrayList<>();

  /**
   * @param artifactUri the run's artifact_uri, e.g. {@code mlflow-artifacts:/1/<run>/artifacts}
   */
  ArtifactUploader(String trackingUri, String artifactUri) {
    String scheme = "mlflow-artifacts:";
    if (!artifactUri.startsWith(scheme)) {
      throw new IllegalStateException(
          "the run's artifact_uri '"
              + artifactUri
              + "' is not served by the tracking server; start it with --serve-artifacts");
    }
    String rest = artifactUri.substring(scheme.length());
    if (rest.startsWith("//")) { // mlflow-artifacts://host:port/path: the host is the server's
      int slash = rest.indexOf('/', 2);
      rest = slash < 0 ? "" : rest.substring(slash);
    }
    this.base =
        trackingUri + "/api/2.0/mlflow-artifacts/artifacts/" + rest.replaceAll("^/+|/+$", "");
  }

  void put(String path, byte[] bytes) {
    worker.execute(() -> send(path, HttpRequest.BodyPublishers.ofByteArray(bytes)));
  }

  private void send(String path, HttpRequest.BodyPublisher body) {
    try {
      HttpRequest req =
          HttpRequest.newBuilder(URI.create(base + "/" + path))
              .timeout(Duration.ofMinutes(5))
              .PUT(body)
              .build();
      HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() / 100 != 2) {
        failures.add(path + ": HTTP " + res.statusCode() + " " + res.body());
      }
    } catch (IOException e) {
      failures.add(path + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failures.add(path + ": interrupted");
    }
  }

  /** Waits for queued uploads; returns the failures, empty when all arrived. */
  List<String> await(Duration limit) {
    worker.shutdown();
    try {
      if (!worker.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        failures.add("uploads still running after " + limit.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return List.copyOf(failures);
  }
}
