package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.SlotRequest;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One Airflow pool shared by every Dag run: a long-lived workflow (id {@code pool:<name>}) that
 * grants slots to waiting task instances, highest priority weight first (arrival order breaks ties;
 * a request that does not fit is passed over for smaller ones, as Airflow's scheduler does), and
 * takes them back when released. See the module README for why a workflow.
 */
@WorkflowInterface
public interface PoolWorkflow {
  @WorkflowMethod
  void run(PoolState state);

  @SignalMethod
  void request(SlotRequest request);

  /** Gives back a granted request's slots, or withdraws a waiting one. Unknown ids are ignored. */
  @SignalMethod
  void release(String requestId);

  /** Changes the pool's size (Airflow's pool edit); held slots stay held. */
  @SignalMethod
  void resize(int slots);

  @QueryMethod
  PoolStatus status();

  static String workflowId(String pool) {
    return "pool:" + pool;
  }
}
