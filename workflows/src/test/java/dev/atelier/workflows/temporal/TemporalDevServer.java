package dev.atelier.workflows.temporal;

import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

/**
 * What tests and benchmarks against a real {@code temporal server start-dev} share: a free port,
 * and a connection that waits until the server answers for its default namespace.
 */
final class TemporalDevServer {
  private TemporalDevServer() {}

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Connects to the dev server on {@code port}, waiting up to a minute for it to serve. */
  static WorkflowServiceStubs connect(int port) throws InterruptedException {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
    long until = System.currentTimeMillis() + 60_000;
    while (true) {
      try {
        service.healthCheck();
        // The default namespace exists once the dev server answers a describe.
        service
            .blockingStub()
            .withDeadlineAfter(5, TimeUnit.SECONDS)
            .describeNamespace(
                DescribeNamespaceRequest.newBuilder().setNamespace("default").build());
        return service;
      } catch (RuntimeException e) {
        if (System.currentTimeMillis() > until) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }
}
