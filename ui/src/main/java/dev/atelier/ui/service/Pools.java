package dev.atelier.ui.service;

import dev.atelier.activities.pools.PoolSizes;
import dev.atelier.ui.config.AtelierConfig;
import dev.atelier.ui.repository.PoolRepository;
import dev.atelier.ui.repository.PoolRow;
import dev.atelier.workflows.temporal.PoolStatus;
import dev.atelier.workflows.temporal.PoolWorkflow;
import dev.atelier.workflows.temporal.TrialSlots;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Airflow's pools: the defaults {@code ATELIER_POOLS} names (read as the worker reads it, with
 * Airflow's {@code default_pool} and the built-in {@code atelier_trials}, the cap on trials at
 * once), overlaid by what the API created, edited or deleted ({@code pool} table). Their use now is
 * asked of each pool's {@link PoolWorkflow}: a pool whose workflow has not started yet (no task
 * asked for it since Temporal's history began) holds nothing. An edit of a pool's size is signalled
 * to its running workflow ({@code resize}: held slots stay held) and the worker's slot requests
 * read {@link #sizes()} each time, so new and resized pools apply at once.
 */
@ApplicationScoped
public class Pools {
  private static final Logger LOG = Logger.getLogger(Pools.class);

  private final WorkflowClient temporal;
  private final PoolRepository stored;
  private final Map<String, Integer> configured;

  Pools(WorkflowClient temporal, AtelierConfig config, PoolRepository stored) {
    this.temporal = temporal;
    this.stored = stored;
    this.configured =
        PoolSizes.parse(System.getenv("ATELIER_POOLS"), config.trials().maxConcurrent());
  }

  /** Each pool's definition: the configured ones overlaid by the stored ones. */
  private Map<String, PoolRow> defined() {
    Map<String, PoolRow> pools = new LinkedHashMap<>();
    configured.forEach(
        (name, slots) -> pools.put(name, new PoolRow(name, slots, null, false, false)));
    for (PoolRow row : stored.all()) {
      if (row.name().equals(TrialSlots.POOL)) {
        // Sized by atelier.trials.max-concurrent; only its description is the API's.
        PoolRow trials = pools.get(TrialSlots.POOL);
        pools.put(
            TrialSlots.POOL,
            new PoolRow(
                trials.name(), trials.slots(), row.description(), row.includeDeferred(), false));
      } else if (row.deleted()) {
        pools.remove(row.name());
      } else {
        pools.put(row.name(), row);
      }
    }
    return pools;
  }

  /** Pool sizes as slot requests check them: an unlimited pool has {@link Integer#MAX_VALUE}. */
  public Map<String, Integer> sizes() {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    defined().forEach((name, row) -> sizes.put(name, effective(row.slots())));
    return sizes;
  }

  public List<PoolView> all() {
    return defined().values().stream().map(this::view).toList();
  }

  public Optional<PoolView> find(String name) {
    return Optional.ofNullable(defined().get(name)).map(this::view);
  }

  /**
   * @throws ApiProblem 409 a pool of the name exists
   */
  public PoolView create(String name, int slots, String description, boolean includeDeferred) {
    if (defined().containsKey(name)
        || !stored.create(new PoolRow(name, slots, description, includeDeferred, false))) {
      throw ApiProblem.conflict(
          "Pool already exists", "The Pool name `" + name + "` already exists");
    }
    resize(name, slots);
    return find(name).orElseThrow();
  }

  /**
   * @throws ApiProblem 404 no such pool; 400 a rename, or a size for {@code atelier_trials}
   */
  public PoolView update(String name, PoolChange change) {
    PoolRow now = defined().get(name);
    if (now == null) {
      throw notFound(name);
    }
    if (change.name() != null && !change.name().equals(name)) {
      throw ApiProblem.badRequest(
          "pool: '"
              + change.name()
              + "' differs from the pool's name '"
              + name
              + "'; pools cannot be renamed (their tasks ask for slots by name): create a new pool"
              + " and delete this one");
    }
    if (name.equals(TrialSlots.POOL) && change.slots() != null && change.slots() != now.slots()) {
      throw ApiProblem.badRequest(
          "slots: pool '"
              + TrialSlots.POOL
              + "' is the built-in cap on trials at once; size it with "
              + TrialSlots.SETTING
              + ", not through the API");
    }
    PoolRow next =
        new PoolRow(
            name,
            change.slots() == null ? now.slots() : change.slots(),
            change.description() == null ? now.description() : change.description(),
            change.includeDeferred() == null ? now.includeDeferred() : change.includeDeferred(),
            false);
    stored.put(next);
    if (next.slots() != now.slots()) {
      resize(name, next.slots());
    }
    return find(name).orElseThrow();
  }

  /**
   * Deletes the pool: a stored one is removed, a configured one is marked deleted so a restart
   * keeps it gone. Tasks that ask for it afterwards fail as for any unknown pool.
   *
   * @throws ApiProblem 404 no such pool; 400 {@code default_pool} or {@code atelier_trials}
   */
  public void delete(String name) {
    if (name.equals(PoolSizes.DEFAULT_POOL)) {
      throw ApiProblem.badRequest("Default Pool can't be deleted");
    }
    if (name.equals(TrialSlots.POOL)) {
      throw ApiProblem.badRequest(
          "pool '"
              + TrialSlots.POOL
              + "' can't be deleted: it is the built-in cap on trials at once ("
              + TrialSlots.SETTING
              + ")");
    }
    if (!defined().containsKey(name)) {
      throw notFound(name);
    }
    if (configured.containsKey(name)) {
      stored.put(new PoolRow(name, configured.get(name), null, false, true));
    } else {
      stored.remove(name);
    }
  }

  public static ApiProblem notFound(String name) {
    return ApiProblem.notFound(
        "Pool not found", "The Pool with name: `" + name + "` was not found");
  }

  private static int effective(int slots) {
    return slots == PoolView.UNLIMITED ? Integer.MAX_VALUE : slots;
  }

  /** Tells a running pool its new size; a pool not started takes it at its first request. */
  private void resize(String name, int slots) {
    try {
      temporal
          .newWorkflowStub(PoolWorkflow.class, PoolWorkflow.workflowId(name))
          .resize(effective(slots));
    } catch (WorkflowNotFoundException notStarted) {
      // Nothing to resize.
    } catch (RuntimeException e) {
      LOG.warnf("could not resize pool '%s' to %d slots: %s", name, slots, e.getMessage());
    }
  }

  private PoolView view(PoolRow row) {
    String id = PoolWorkflow.workflowId(row.name());
    try {
      WorkflowExecutionStatus state = temporal.newUntypedWorkflowStub(id).describe().getStatus();
      if (state == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        PoolStatus s = temporal.newWorkflowStub(PoolWorkflow.class, id).status();
        return new PoolView(
            row.name(),
            row.slots() == PoolView.UNLIMITED ? PoolView.UNLIMITED : s.slots(),
            s.occupiedSlots(),
            s.queuedSlots(),
            row.description(),
            row.includeDeferred());
      }
    } catch (WorkflowNotFoundException notStarted) {
      // Holds nothing yet.
    }
    return new PoolView(row.name(), row.slots(), 0, 0, row.description(), row.includeDeferred());
  }
}
