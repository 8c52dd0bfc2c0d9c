package dev.atelier.activities.pools;

import dev.atelier.workflows.activities.PoolActivities;
import dev.atelier.workflows.activities.SlotRequest;
import dev.atelier.workflows.temporal.PoolStarter;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Hands slot requests to pool workflows through the worker's own Temporal client, starting a pool
 * with its configured size the first time it is asked for. The sizes are read at each request, so
 * an app that edits pools (the ui's pools API) passes a supplier over its own store.
 */
public final class PoolActivitiesImpl implements PoolActivities {
  private final Supplier<Map<String, Integer>> sizes;

  public PoolActivitiesImpl(Map<String, Integer> sizes) {
    Map<String, Integer> fixed = Map.copyOf(sizes);
    this.sizes = () -> fixed;
  }

  /** Sizes read at every request: pools created, resized or deleted apply to the next one. */
  public PoolActivitiesImpl(Supplier<Map<String, Integer>> sizes) {
    this.sizes = sizes;
  }

  /**
   * Sizes from {@code ATELIER_POOLS} and the trial pool of {@code maxConcurrentTrials} slots (what
   * the worker registers).
   */
  public static PoolActivitiesImpl withTrialCap(int maxConcurrentTrials) {
    return new PoolActivitiesImpl(
        PoolSizes.parse(System.getenv("ATELIER_POOLS"), maxConcurrentTrials));
  }

  /** Sizes from {@code ATELIER_POOLS}; only {@code default_pool} (128) when it is unset. */
  public static PoolActivitiesImpl fromEnvironment() {
    return new PoolActivitiesImpl(PoolSizes.parse(System.getenv("ATELIER_POOLS")));
  }

  @Override
  public void requestSlot(SlotRequest request) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    PoolStarter.request(
        ctx.getWorkflowClient(), ctx.getInfo().getActivityTaskQueue(), sizes.get(), request);
  }
}
