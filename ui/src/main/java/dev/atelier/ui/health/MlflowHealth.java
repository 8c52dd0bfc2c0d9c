package dev.atelier.ui.health;

import dev.atelier.ui.config.AtelierConfig;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * UP when the MLflow tracking server's {@code /health} answers 200 within 3 s. In the {@link
 * DependencyHealth#GROUP} group; the answer never holds MLflow's address (health is open to
 * anonymous callers), only the kind of failure.
 */
@HealthGroup(DependencyHealth.GROUP)
@ApplicationScoped
public class MlflowHealth implements HealthCheck {
  private final HttpClient http;
  private final String uri;

  MlflowHealth(HttpClient http, AtelierConfig config) {
    this.http = http;
    this.uri = config.mlflow().uri().replaceAll("/+$", "");
  }

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("mlflow");
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
      return response.withData("error", e.getClass().getSimpleName()).down().build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return response.withData("error", "interrupted").down().build();
    }
  }
}
