package dev.atelier.ui.health;

import dev.atelier.ui.config.AtelierConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the MLflow tracking server's {@code /health} answers 200. */
@Readiness
@ApplicationScoped
public class MlflowReadiness implements HealthCheck {
  private final HttpClient http;
  private final String uri;

  MlflowReadiness(HttpClient http, AtelierConfig config) {
    this.http = http;
    this.uri = config.mlflow().uri().replaceAll("/+$", "");
  }

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("mlflow").withData("uri", uri);
    try {
      HttpResponse<Void> r =
          http.send(
              HttpRequest.newBuilder(URI.create(uri + "/health"))
                  .timeout(Duration.ofSeconds(3))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200
          ? response.up().build()
          : response.withData("error", "HTTP " + r.statusCode()).down().build();
    } catch (IOException e) {
      return response.withData("error", String.valueOf(e.getMessage())).down().build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return response.withData("error", "interrupted").down().build();
    }
  }
}
