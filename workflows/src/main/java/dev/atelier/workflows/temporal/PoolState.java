package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.SlotRequest;
import java.util.List;

/**
 * A pool's state, as it starts and as it is carried when the pool workflow continues as new: its
 * size, the requests holding slots and those waiting (in arrival order), and the arrival counter.
 */
public record PoolState(
    String name, int slots, List<SlotRequest> holders, List<SlotRequest> waiting) {
  public static PoolState empty(String name, int slots) {
    return new PoolState(name, slots, List.of(), List.of());
  }
}
