package dev.atelier.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Hands a slot request to the pool's long-lived workflow, starting that workflow with the pool's
 * configured size if it is not running yet (signal-with-start: workflow code cannot do that
 * itself). Called as a local activity. Implementations: {@code dev.atelier.workflows.temporal.
 * PoolStarter} does the work given the configured sizes.
 */
@ActivityInterface
public interface PoolActivities {
  String REQUEST_SLOT = "RequestPoolSlot";

  /**
   * Queues the request; the pool signals the holder when granted. An unknown pool, or a request for
   * more slots than the pool has, is a non-retryable failure naming the pool and its size.
   */
  @ActivityMethod(name = REQUEST_SLOT)
  void requestSlot(SlotRequest request);
}
