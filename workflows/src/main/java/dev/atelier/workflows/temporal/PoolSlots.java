package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.PoolActivities;
import dev.atelier.workflows.activities.SlotRequest;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The holder's side of pools, one per workflow that takes slots: asks the pool (through a local
 * activity that signal-with-starts the pool workflow), waits for the grant signal, and releases by
 * signalling the pool. Request ids count up deterministically: {@code <workflow
 * id>#<generation>.<n>}, where the generation counts a Dag run's continue-as-new runs (a Temporal
 * run id would not do: a replay sees another one).
 */
final class PoolSlots {
  /** Slots held for one try; {@link #NONE} for a task without a pool. */
  record Lease(String pool, String requestId) {
    static final Lease NONE = new Lease(null, null);
  }

  private final Set<String> granted = new HashSet<>();
  private final PoolActivities requester =
      Workflow.newLocalActivityStub(PoolActivities.class, Options.poolRequest());
  private int counter;
  private int generation;
  private String execution = "";

  /** Which continued run of the holder this is (0 for the first). */
  void generation(int value) {
    this.generation = value;
  }

  /**
   * Tells this execution's requests apart from an earlier execution's under the same workflow id (a
   * re-run), whose requests a pool may still hold if it was terminated: a value drawn with {@code
   * Workflow.randomUUID()}, the same on replay. Holders from before it existed set none.
   */
  void execution(String tag) {
    this.execution = "@" + tag;
  }

  /** Called by the holder workflow's signal handler. */
  void onGranted(String requestId) {
    granted.add(requestId);
  }

  /** Waits for {@code slots} of {@code pool}; a null pool is no wait at all. */
  Lease acquire(String pool, int slots, int priorityWeight, String taskInstance) {
    return acquire(pool, slots, priorityWeight, taskInstance, () -> false);
  }

  /**
   * Waits for {@code slots} of {@code pool}, or until {@code abandon} holds: then the request is
   * withdrawn (a grant that crossed the withdrawal is given back by the same signal) and the answer
   * is {@code null}.
   */
  Lease acquire(
      String pool, int slots, int priorityWeight, String taskInstance, BooleanSupplier abandon) {
    if (pool == null) {
      return Lease.NONE;
    }
    String holder = Workflow.getInfo().getWorkflowId();
    String id = holder + execution + "#" + generation + "." + counter++;
    requester.requestSlot(new SlotRequest(pool, id, holder, slots, priorityWeight, taskInstance));
    Lease lease = new Lease(pool, id);
    try {
      Workflow.await(() -> granted.contains(id) || abandon.getAsBoolean());
    } catch (CanceledFailure e) {
      Workflow.newDetachedCancellationScope(() -> release(lease)).run();
      throw e;
    }
    if (!granted.contains(id)) {
      release(lease);
      return null;
    }
    return lease;
  }

  /** Gives the slots back; a pool that is gone has nothing to give back to. */
  void release(Lease lease) {
    if (lease.pool() == null) {
      return;
    }
    granted.remove(lease.requestId());
    try {
      Workflow.newUntypedExternalWorkflowStub(PoolWorkflow.workflowId(lease.pool()))
          .signal("release", lease.requestId());
    } catch (RuntimeException gone) {
      // The pool workflow was terminated; it holds nothing any more.
    }
  }
}
