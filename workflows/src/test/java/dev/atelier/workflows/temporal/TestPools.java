package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.PoolActivities;
import dev.atelier.workflows.activities.SlotRequest;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.Map;

/** The worker's pool request activity with pool sizes given by the test. */
class TestPools implements PoolActivities {
  private final Map<String, Integer> sizes;

  TestPools(Map<String, Integer> sizes) {
    this.sizes = sizes;
  }

  @Override
  public void requestSlot(SlotRequest request) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    PoolStarter.request(
        ctx.getWorkflowClient(), ctx.getInfo().getActivityTaskQueue(), sizes, request);
  }
}
