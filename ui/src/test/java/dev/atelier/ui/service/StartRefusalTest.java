package dev.atelier.ui.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowServiceException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which refusals of a run's start are for good (the run fails) and which may pass (it waits). */
class StartRefusalTest {
  @Test
  void permanent_payloadOverTemporalsLimit_isForGoodWithTemporalsWords() {
    assertEquals(
        Optional.of("Blob data size exceeds limit."),
        StartRefusal.permanent(refused(Status.INVALID_ARGUMENT, "Blob data size exceeds limit.")));
  }

  @Test
  void permanent_messageOverGrpcsLimit_isForGood() {
    String words = "grpc: received message larger than max (5242880 vs. 4194304)";
    assertEquals(
        Optional.of(words), StartRefusal.permanent(refused(Status.RESOURCE_EXHAUSTED, words)));
  }

  @Test
  void permanent_unreachableOrRateLimited_mayPass() {
    assertEquals(
        Optional.empty(), StartRefusal.permanent(refused(Status.UNAVAILABLE, "io exception")));
    assertEquals(
        Optional.empty(),
        StartRefusal.permanent(refused(Status.RESOURCE_EXHAUSTED, "namespace rate limit")));
    assertEquals(
        Optional.empty(), StartRefusal.permanent(refused(Status.DEADLINE_EXCEEDED, "deadline")));
    assertEquals(Optional.empty(), StartRefusal.permanent(new IllegalStateException("other")));
  }

  private static RuntimeException refused(Status status, String description) {
    return new WorkflowServiceException(
        WorkflowExecution.newBuilder().setWorkflowId("dagrun:d:r").build(),
        "DagRunWorkflow",
        status.withDescription(description).asRuntimeException());
  }
}
