package dev.atelier.ui.health;

import io.grpc.Status;
import io.smallrye.health.api.HealthGroup;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * UP when Temporal's frontend answers a system-info call within 3 s. In the {@link
 * DependencyHealth#GROUP} group; the answer never holds Temporal's target, only the gRPC status
 * code of a failure.
 */
@HealthGroup(DependencyHealth.GROUP)
@ApplicationScoped
public class TemporalHealth implements HealthCheck {
  private final WorkflowServiceStubs stubs;

  TemporalHealth(WorkflowServiceStubs stubs) {
    this.stubs = stubs;
  }

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("temporal");
    try {
      var info =
          stubs
              .blockingStub()
              .withDeadlineAfter(3, TimeUnit.SECONDS)
              .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return response.withData("server_version", info.getServerVersion()).up().build();
    } catch (RuntimeException e) {
      return response.withData("error", Status.fromThrowable(e).getCode().name()).down().build();
    }
  }
}
