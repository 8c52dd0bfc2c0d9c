package dev.atelier.bench.engine;

import com.google.protobuf.util.Durations;
import dev.atelier.activities.ActivitiesConfig;
import dev.atelier.activities.AtelierActivities;
import dev.atelier.workflows.temporal.AtelierWorkflows;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The Temporal side: a namespace of the benchmark's own (other people's workers poll the task queue
 * {@code atelier} of the shared dev server's {@code default} namespace and must not pick up these
 * runs), and a worker in this process set up as the app's {@code AtelierWorker} sets up its own:
 * default worker options, every workflow implementation, every activity implementation over the
 * given database.
 */
final class BenchTemporal implements AutoCloseable {
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private WorkerFactory factory;

  BenchTemporal(String target, String namespace) throws InterruptedException {
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    ensureNamespace(namespace);
    client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
  }

  WorkflowClient client() {
    return client;
  }

  String serverVersion() {
    return stubs
        .blockingStub()
        .getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
        .getServerVersion();
  }

  void startWorker(DataSource db, String mlflowUri, Path workDir) {
    factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(AtelierWorkflows.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(AtelierWorkflows.implementations());
    ActivitiesConfig config =
        new ActivitiesConfig(mlflowUri, "local", List.of("true"), workDir, null, null);
    worker.registerActivitiesImplementations(AtelierActivities.create(config, db).toArray());
    factory.start();
  }

  private void ensureNamespace(String namespace) throws InterruptedException {
    try {
      describe(namespace);
      return;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
        throw e;
      }
    }
    stubs
        .blockingStub()
        .registerNamespace(
            RegisterNamespaceRequest.newBuilder()
                .setNamespace(namespace)
                .setDescription("Atelier engine benchmark (bench/engine.sh)")
                .setWorkflowExecutionRetentionPeriod(Durations.fromDays(1))
                .build());
    // A new namespace reaches the server's namespace cache within seconds.
    for (int i = 0; i < 60; i++) {
      try {
        describe(namespace);
        Thread.sleep(2000);
        return;
      } catch (StatusRuntimeException e) {
        Thread.sleep(500);
      }
    }
  }

  private void describe(String namespace) {
    stubs
        .blockingStub()
        .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build());
  }

  @Override
  public void close() {
    if (factory != null) {
      factory.shutdownNow();
      factory.awaitTermination(10, TimeUnit.SECONDS);
    }
    stubs.shutdown();
    stubs.awaitTermination(5, TimeUnit.SECONDS);
  }
}
