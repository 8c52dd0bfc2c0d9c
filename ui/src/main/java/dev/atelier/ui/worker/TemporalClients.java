package dev.atelier.ui.worker;

import dev.atelier.ui.config.AtelierConfig;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/**
 * One gRPC connection to Temporal for the whole application. The stubs connect lazily, so the app
 * starts (and its readiness check says why it is not ready) while Temporal is still coming up.
 */
public class TemporalClients {

  @Produces
  @Singleton
  WorkflowServiceStubs serviceStubs(AtelierConfig config) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(config.temporal().target()).build());
  }

  @Produces
  @Singleton
  WorkflowClient workflowClient(WorkflowServiceStubs stubs, AtelierConfig config) {
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder().setNamespace(config.temporal().namespace()).build());
  }

  @Produces
  @Singleton
  ScheduleClient scheduleClient(WorkflowServiceStubs stubs, AtelierConfig config) {
    return ScheduleClient.newInstance(
        stubs,
        ScheduleClientOptions.newBuilder().setNamespace(config.temporal().namespace()).build());
  }

  void close(@Disposes WorkflowServiceStubs stubs) {
    stubs.shutdown();
    stubs.awaitTermination(5, TimeUnit.SECONDS);
  }
}
