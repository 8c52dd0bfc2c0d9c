package dev.atelier.workflows.temporal;

/**
 * The pool slots one task instance holds, taken and given back as its try goes (a rescheduling
 * sensor gives them back between pokes). Releasing twice, or without a pool, does nothing.
 */
final class HeldSlots {
  private final PoolSlots pools;
  private final String pool;
  private final int slots;
  private final int priorityWeight;
  private final String taskInstance;
  private PoolSlots.Lease lease = PoolSlots.Lease.NONE;

  HeldSlots(PoolSlots pools, String pool, int slots, int priorityWeight, String taskInstance) {
    this.pools = pools;
    this.pool = pool;
    this.slots = slots;
    this.priorityWeight = priorityWeight;
    this.taskInstance = taskInstance;
  }

  void acquire() {
    lease = pools.acquire(pool, slots, priorityWeight, taskInstance);
  }

  void release() {
    PoolSlots.Lease held = lease;
    lease = PoolSlots.Lease.NONE;
    pools.release(held);
  }
}
