package dev.atelier.trainers.tracking;

import java.lang.reflect.Field;
import java.time.Duration;
import org.mlflow.tracking.MlflowClient;
import org.mlflow_project.apachehttp.client.config.RequestConfig;
import org.mlflow_project.apachehttp.impl.client.HttpClientBuilder;

/**
 * MLflow's Java client with timeouts. The client (2.x) builds its HTTP client without any: a
 * tracking server that accepts the connection and never answers (stalled, swapping, behind a hung
 * proxy) would hold a trainer at start-up, or its stop watcher, for ever. The client takes no
 * options for it, but its HTTP caller builds its HTTP client only when it has none, so this builds
 * one with connect, read and pool timeouts and gives it to the client's caller first (a reflective
 * read and write, checked by {@code MlflowClientsTest}: a client version that renames the fields
 * fails that test, not a trial). Requests that time out fail as any unreachable server does: the
 * caller's own retries, then an {@code MlflowClientException} naming the cause.
 */
final class MlflowClients {
  /** How long a request may take to connect, and to wait between bytes of its answer. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private MlflowClients() {}

  static MlflowClient withTimeouts(String trackingUri) {
    return withTimeouts(trackingUri, TIMEOUT);
  }

  static MlflowClient withTimeouts(String trackingUri, Duration timeout) {
    MlflowClient client = new MlflowClient(trackingUri);
    int millis = Math.toIntExact(timeout.toMillis());
    RequestConfig config =
        RequestConfig.custom()
            .setConnectTimeout(millis)
            .setSocketTimeout(millis)
            .setConnectionRequestTimeout(millis)
            .build();
    try {
      Field callerField = MlflowClient.class.getDeclaredField("httpCaller");
      callerField.setAccessible(true);
      Object caller = callerField.get(client);
      // Built on first use when still null: set first, it is used as is.
      Field httpField = caller.getClass().getDeclaredField("httpClient");
      httpField.setAccessible(true);
      httpField.set(caller, HttpClientBuilder.create().setDefaultRequestConfig(config).build());
      return client;
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "MLflow's Java client changed: could not give it timeouts (" + e + ")", e);
    }
  }
}
