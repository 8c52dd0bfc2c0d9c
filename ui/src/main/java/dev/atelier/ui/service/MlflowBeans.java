package dev.atelier.ui.service;

import dev.atelier.activities.mlflow.MlflowRegistry;
import dev.atelier.activities.mlflow.MlflowRegistryClient;
import dev.atelier.ui.config.AtelierConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.time.Duration;
import org.mlflow.tracking.MlflowClient;

/** The MLflow clients, one each for the application. */
public class MlflowBeans {

  @Produces
  @Singleton
  MlflowClient mlflowClient(AtelierConfig config) {
    return MlflowHttp.withTimeouts(new MlflowClient(config.mlflow().uri()));
  }

  /** For the artifact proxy, which the Java client does not speak. */
  @Produces
  @Singleton
  HttpClient httpClient() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** The same registry code the worker's activities use, so promotion has one implementation. */
  @Produces
  @Singleton
  MlflowRegistry registry(MlflowClient client, AtelierConfig config) {
    return new MlflowRegistryClient(client, config.mlflow().uri());
  }
}
