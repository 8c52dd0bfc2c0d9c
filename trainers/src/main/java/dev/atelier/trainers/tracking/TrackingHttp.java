package dev.atelier.trainers.tracking;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The trainer's requests that must not hang or be lost: metric batches, artifact PUTs and the run's
 * end, over {@code java.net.http} with a connect timeout and a timeout on every request (the MLflow
 * Java client has neither). Each call either returns, having been answered 2xx, or throws a {@link
 * DeliveryFailure} that says whether trying again can help.
 */
final class TrackingHttp {
  private static final Duration CONNECT = Duration.ofSeconds(5);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT).build();
  private final String trackingUri;

  TrackingHttp(String trackingUri) {
    this.trackingUri = trackingUri.replaceAll("/+$", "");
  }

  String trackingUri() {
    return trackingUri;
  }

  /** POSTs {@code json} to {@code <tracking_uri>/api/2.0/mlflow/<method>}. */
  void post(String method, String json, Duration timeout) throws DeliveryFailure {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(trackingUri + "/api/2.0/mlflow/" + method))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    send(req, method);
  }

  /** PUTs a body to {@code url} (the artifact proxy). */
  void put(String url, HttpRequest.BodyPublisher body, Duration timeout) throws DeliveryFailure {
    HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).PUT(body).build();
    send(req, "PUT " + url.substring(url.indexOf("/artifacts/") + 1));
  }

  private void send(HttpRequest req, String what) throws DeliveryFailure {
    HttpResponse<String> res;
    try {
      res = http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw DeliveryFailure.unreachable(what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DeliveryFailure.unreachable(what, e);
    }
    if (res.statusCode() / 100 != 2) {
      throw DeliveryFailure.answered(what, res.statusCode(), res.body());
    }
  }
}
