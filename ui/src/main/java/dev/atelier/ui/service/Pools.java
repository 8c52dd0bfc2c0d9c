package dev.atelier.ui.service;

import dev.atelier.activities.pools.PoolSizes;
import dev.atelier.ui.config.AtelierConfig;
import dev.atelier.workflows.temporal.PoolStatus;
import dev.atelier.workflows.temporal.PoolWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured pools ({@code ATELIER_POOLS}, read as the worker reads it, with Airflow's {@code
 * default_pool} and the built-in {@code atelier_trials}, the cap on trials at once) and their use
 * now, asked of each pool's {@link PoolWorkflow}. A pool whose workflow has not started yet (no
 * task asked for it since Temporal's history began) holds nothing; a running one answers its own
 * size, which a {@code resize} may have changed.
 */
@ApplicationScoped
public class Pools {
  private final WorkflowClient temporal;
  private final Map<String, Integer> configured;

  Pools(WorkflowClient temporal, AtelierConfig config) {
    this.temporal = temporal;
    this.configured =
        PoolSizes.parse(System.getenv("ATELIER_POOLS"), config.trials().maxConcurrent());
  }

  public List<PoolView> all() {
    return configured.keySet().stream().map(name -> find(name).orElseThrow()).toList();
  }

  public Optional<PoolView> find(String name) {
    Integer size = configured.get(name);
    if (size == null) {
      return Optional.empty();
    }
    String id = PoolWorkflow.workflowId(name);
    try {
      WorkflowExecutionStatus state = temporal.newUntypedWorkflowStub(id).describe().getStatus();
      if (state != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        return Optional.of(new PoolView(name, size, 0, 0));
      }
      PoolStatus s = temporal.newWorkflowStub(PoolWorkflow.class, id).status();
      return Optional.of(new PoolView(name, s.slots(), s.occupiedSlots(), s.queuedSlots()));
    } catch (WorkflowNotFoundException notStarted) {
      return Optional.of(new PoolView(name, size, 0, 0));
    }
  }
}
