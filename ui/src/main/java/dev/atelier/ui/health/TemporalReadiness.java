package dev.atelier.ui.health;

import dev.atelier.ui.config.AtelierConfig;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when Temporal's frontend answers a system-info call within a few seconds. */
@Readiness
@ApplicationScoped
public class TemporalReadiness implements HealthCheck {
  private final WorkflowServiceStubs stubs;
  private final AtelierConfig config;

  TemporalReadiness(WorkflowServiceStubs stubs, AtelierConfig config) {
    this.stubs = stubs;
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    var response =
        HealthCheckResponse.named("temporal").withData("target", config.temporal().target());
    try {
      var info =
          stubs
              .blockingStub()
              .withDeadlineAfter(3, TimeUnit.SECONDS)
              .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return response.withData("server_version", info.getServerVersion()).up().build();
    } catch (RuntimeException e) {
      return response.withData("error", String.valueOf(e.getMessage())).down().build();
    }
  }
}
