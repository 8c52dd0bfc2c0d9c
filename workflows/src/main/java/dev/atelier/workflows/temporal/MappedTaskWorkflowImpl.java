package dev.atelier.workflows.temporal;

import dev.atelier.workflows.dsl.TaskSpec;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records every instance of the chunk {@code scheduled} (one write), then runs them through the
 * same try loop as the Dag run does, at most {@code concurrency} at once.
 */
public class MappedTaskWorkflowImpl implements MappedTaskWorkflow {
  private final PoolSlots pools = new PoolSlots();

  @Override
  public void poolSlotGranted(String requestId) {
    pools.onGranted(requestId);
  }

  @Override
  public List<InstanceResult> run(MappedChunk chunk) {
    RunContext ctx =
        new RunContext(
            chunk.dagId(),
            chunk.runId(),
            chunk.run(),
            chunk.params(),
            Set.of(),
            Bookkeeping.forThisExecution(),
            pools,
            new ReviewInbox(), // a review is never mapped: nothing here waits for an answer
            null); // nor is a TrainOperator chunked: its sweep is its own child workflow
    TaskSpec task = chunk.task();
    int n = chunk.instanceArgs().size();
    for (int k = 0; k < n; k++) {
      ctx.instance(task, chunk.firstIndex() + k).scheduled();
    }
    ctx.log().flush();
    Map<Integer, Promise<InstanceResult>> active = new LinkedHashMap<>();
    List<InstanceResult> results = new ArrayList<>();
    int limit = Math.max(1, chunk.concurrency());
    for (int k = 0; k < n; k++) {
      while (active.size() >= limit) {
        collect(active, results);
      }
      Invocation inv =
          new Invocation(
              chunk.firstIndex() + k, chunk.instanceArgs().get(k), chunk.upstream(), chunk.xcoms());
      active.put(k, Async.function(() -> InstanceRunner.run(ctx, task, inv)));
    }
    while (!active.isEmpty()) {
      collect(active, results);
    }
    results.sort((a, b) -> Integer.compare(a.mapIndex(), b.mapIndex()));
    return results;
  }

  private static void collect(
      Map<Integer, Promise<InstanceResult>> active, List<InstanceResult> results) {
    Workflow.await(() -> active.values().stream().anyMatch(Promise::isCompleted));
    for (Integer k : new ArrayList<>(active.keySet())) {
      if (active.get(k).isCompleted()) {
        results.add(active.remove(k).get());
      }
    }
  }
}
