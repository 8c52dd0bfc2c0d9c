package dev.atelier.ui.service;

import java.lang.reflect.Field;
import java.util.concurrent.TimeUnit;
import org.mlflow.tracking.MlflowClient;
import org.mlflow_project.apachehttp.client.config.RequestConfig;
import org.mlflow_project.apachehttp.impl.client.CloseableHttpClient;
import org.mlflow_project.apachehttp.impl.client.HttpClientBuilder;
import org.mlflow_project.apachehttp.impl.conn.PoolingHttpClientConnectionManager;

/**
 * The HTTP client under the app's {@link MlflowClient}: the MLflow Java client builds an Apache
 * HttpClient (its shaded copy) with no timeouts and the default pool of 2 connections per host, so
 * one hung MLflow call would hold a request thread forever and three pages at once would queue.
 * This one has timeouts and a pool sized for the app's request threads; it is put into the client's
 * (private) caller, which uses a client it is given instead of building its own.
 */
final class MlflowHttp {
  /** Connecting to MLflow. */
  static final int CONNECT_TIMEOUT_MS = 5_000;

  /** Waiting for MLflow's answer (search calls on a large experiment take a few seconds). */
  static final int READ_TIMEOUT_MS = 30_000;

  /** Waiting for a free pooled connection before failing (then a 503). */
  static final int POOL_WAIT_MS = 5_000;

  /** Connections to MLflow at once (it is one host). */
  static final int POOL_SIZE = 32;

  private MlflowHttp() {}

  static MlflowClient withTimeouts(MlflowClient client) {
    PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
    pool.setMaxTotal(POOL_SIZE);
    pool.setDefaultMaxPerRoute(POOL_SIZE);
    pool.setValidateAfterInactivity(2_000);
    CloseableHttpClient http =
        HttpClientBuilder.create()
            .setConnectionManager(pool)
            .evictIdleConnections(60, TimeUnit.SECONDS)
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setConnectTimeout(CONNECT_TIMEOUT_MS)
                    .setSocketTimeout(READ_TIMEOUT_MS)
                    .setConnectionRequestTimeout(POOL_WAIT_MS)
                    .build())
            .build();
    try {
      Field callerField = MlflowClient.class.getDeclaredField("httpCaller");
      callerField.setAccessible(true);
      Object caller = callerField.get(client);
      Field httpField = caller.getClass().getDeclaredField("httpClient");
      httpField.setAccessible(true);
      httpField.set(caller, http);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "the MLflow client's HTTP caller changed; cannot set its timeouts", e);
    }
    return client;
  }
}
