package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.SlotRequest;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.TreeMap;

/**
 * The work of {@code PoolActivities.requestSlot} for any implementation: checks the request against
 * the configured pool sizes and signal-with-starts the pool's workflow, so the first request
 * creates the pool and later ones join its queue.
 */
public final class PoolStarter {
  private PoolStarter() {}

  /**
   * @param sizes configured pools: name to number of slots
   * @param taskQueue where the pool workflow runs (the worker's own queue)
   */
  public static void request(
      WorkflowClient client, String taskQueue, Map<String, Integer> sizes, SlotRequest r) {
    Integer size = sizes.get(r.pool());
    if (size == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "pool '"
              + r.pool()
              + "' does not exist (configured pools: "
              + new TreeMap<>(sizes)
              + "); set ATELIER_POOLS, e.g. gpu=2,default_pool=128",
          "UnknownPool");
    }
    if (r.slots() > size) {
      throw ApplicationFailure.newNonRetryableFailure(
          r.taskInstance()
              + " needs "
              + r.slots()
              + " slots of pool '"
              + r.pool()
              + "', which has only "
              + size,
          "PoolTooSmall");
    }
    PoolWorkflow pool =
        client.newWorkflowStub(
            PoolWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(PoolWorkflow.workflowId(r.pool()))
                .setTaskQueue(taskQueue)
                .build());
    BatchRequest batch = client.newSignalWithStartRequest();
    batch.add(pool::run, PoolState.empty(r.pool(), size));
    batch.add(pool::request, r);
    client.signalWithStart(batch);
  }
}
