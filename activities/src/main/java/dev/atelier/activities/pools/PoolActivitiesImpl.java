package dev.atelier.activities.pools;

import dev.atelier.workflows.activities.PoolActivities;
import dev.atelier.workflows.activities.SlotRequest;
import dev.atelier.workflows.temporal.PoolStarter;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.Map;

/**
 * Hands slot requests to pool workflows through the worker's own Temporal client, starting a pool
 * with its configured size the first time it is asked for.
 */
public final class PoolActivitiesImpl implements PoolActivities {
  private final Map<String, Integer> sizes;

  public PoolActivitiesImpl(Map<String, Integer> sizes) {
    this.sizes = Map.copyOf(sizes);
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
        ctx.getWorkflowClient(), ctx.getInfo().getActivityTaskQueue(), sizes, request);
  }
}
