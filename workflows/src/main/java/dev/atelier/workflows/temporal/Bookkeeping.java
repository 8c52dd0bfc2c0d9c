package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.PersistenceActivities;
import dev.atelier.workflows.activities.TaskInstanceRecord;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * How one workflow execution writes its bookkeeping (task-instance and Dag-run states). Runs
 * started before version 1 of {@value #CHANGE_ID} replay the old way: one ordinary activity per
 * write, each awaited in turn. Runs started since write through local activities (run by the worker
 * inside the workflow task, no server round trip), several states of one decision in one call: the
 * {@code scheduled} states of every instance a decision starts, the states the trigger rules
 * settle, and {@code queued} with {@code running}. A 0.2 ms database write used to cost a 50–90 ms
 * Temporal round trip (bench/README.md, "Engine benchmark").
 *
 * <p>Deferred writes are kept in order and sent by {@link #flush()}, which the workflow calls
 * before it starts the units they concern, so an instance's {@code scheduled} always lands before
 * its {@code queued}. Only the workflow's main thread defers.
 */
final class Bookkeeping {
  static final String CHANGE_ID = "bookkeeping-batch";

  private final PersistenceActivities persistence;
  private final boolean batched;
  private final List<TaskInstanceRecord> pending = new ArrayList<>();

  private Bookkeeping(PersistenceActivities persistence, boolean batched) {
    this.persistence = persistence;
    this.batched = batched;
  }

  /** Call once, at the start of the workflow method: the version is recorded in the history. */
  static Bookkeeping forThisExecution() {
    int version = Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1);
    if (version == Workflow.DEFAULT_VERSION) {
      return new Bookkeeping(
          Workflow.newActivityStub(PersistenceActivities.class, Options.bookkeeping()), false);
    }
    return new Bookkeeping(
        Workflow.newLocalActivityStub(PersistenceActivities.class, Options.bookkeepingLocal()),
        true);
  }

  boolean batched() {
    return batched;
  }

  /** Writes one state change now. */
  void record(TaskInstanceRecord record) {
    persistence.recordTaskInstance(record);
  }

  /** Writes several state changes now, in this order: one call, or one each the old way. */
  void record(List<TaskInstanceRecord> records) {
    if (!batched) {
      records.forEach(persistence::recordTaskInstance);
    } else if (!records.isEmpty()) {
      persistence.recordTaskInstances(List.copyOf(records));
    }
  }

  /** Keeps a state change for the next {@link #flush()}; the old way writes it at once. */
  void defer(TaskInstanceRecord record) {
    if (batched) {
      pending.add(record);
    } else {
      persistence.recordTaskInstance(record);
    }
  }

  /** Writes every deferred change in one call. Kept until written, so a retry sends them again. */
  void flush() {
    if (pending.isEmpty()) {
      return;
    }
    List<TaskInstanceRecord> batch = List.copyOf(pending);
    persistence.recordTaskInstances(batch);
    pending.subList(0, batch.size()).clear();
  }

  void recordDagRunState(String dagId, String runId, String state, long atMillis) {
    persistence.recordDagRunState(dagId, runId, state, atMillis);
  }
}
