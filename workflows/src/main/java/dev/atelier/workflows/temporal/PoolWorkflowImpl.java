package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.SlotRequest;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Grants a pool's slots. Requests and releases arrive as signals; a grant is a signal back to the
 * holder's workflow. A holder that ended without releasing (terminated, or its run was reset) is
 * found when a grant or a ping to it fails, and its slots are freed; pings go out only while
 * requests wait, every {@link #LIVENESS_CHECK}. The workflow continues as new once its history
 * passes {@link #HISTORY_LIMIT} events, carrying holders and waiters.
 */
public class PoolWorkflowImpl implements PoolWorkflow {
  static final Duration LIVENESS_CHECK = Duration.ofMinutes(5);
  static final int HISTORY_LIMIT = 2_000;

  private String name;
  private int slots;
  private final Map<String, SlotRequest> holders = new LinkedHashMap<>();
  private final List<SlotRequest> waiting = new ArrayList<>();
  private boolean changed;
  private int notifying;

  @Override
  public void run(PoolState state) {
    name = state.name();
    slots = state.slots();
    state.holders().forEach(r -> holders.put(r.requestId(), r));
    waiting.addAll(state.waiting());
    while (true) {
      grant();
      if (Workflow.getInfo().getHistoryLength() > HISTORY_LIMIT
          || Workflow.getInfo().isContinueAsNewSuggested()) {
        Workflow.await(() -> notifying == 0 && Workflow.isEveryHandlerFinished());
        Workflow.continueAsNew(
            new PoolState(name, slots, List.copyOf(holders.values()), List.copyOf(waiting)));
      }
      if (waiting.isEmpty()) {
        Workflow.await(() -> changed);
      } else if (!Workflow.await(LIVENESS_CHECK, () -> changed)) {
        pingHolders();
      }
      changed = false;
    }
  }

  @Override
  public void request(SlotRequest r) {
    boolean known =
        holders.containsKey(r.requestId())
            || waiting.stream().anyMatch(w -> w.requestId().equals(r.requestId()));
    if (!known) {
      waiting.add(r);
      changed = true;
    }
  }

  @Override
  public void release(String requestId) {
    boolean freed = holders.remove(requestId) != null;
    freed |= waiting.removeIf(w -> w.requestId().equals(requestId));
    changed |= freed;
  }

  @Override
  public void resize(int newSlots) {
    slots = Math.max(0, newSlots);
    changed = true;
  }

  @Override
  public PoolStatus status() {
    return new PoolStatus(
        name,
        slots,
        occupied(),
        waiting.stream().mapToInt(SlotRequest::slots).sum(),
        holders.values().stream().map(SlotRequest::taskInstance).toList(),
        byPriority().stream().map(SlotRequest::taskInstance).toList());
  }

  private int occupied() {
    return holders.values().stream().mapToInt(SlotRequest::slots).sum();
  }

  /** Waiting requests, highest priority weight first; a stable sort keeps arrival order on ties. */
  private List<SlotRequest> byPriority() {
    List<SlotRequest> order = new ArrayList<>(waiting);
    order.sort(Comparator.comparingInt(SlotRequest::priorityWeight).reversed());
    return order;
  }

  private void grant() {
    int free = slots - occupied();
    for (SlotRequest r : byPriority()) {
      if (r.slots() <= free) {
        waiting.remove(r);
        holders.put(r.requestId(), r);
        free -= r.slots();
        signal(r.holderWorkflowId(), r.requestId(), List.of(r.requestId()));
      }
    }
  }

  private void pingHolders() {
    Set<String> workflows = new LinkedHashSet<>();
    holders.values().forEach(r -> workflows.add(r.holderWorkflowId()));
    for (String workflowId : workflows) {
      List<String> held =
          holders.values().stream()
              .filter(r -> r.holderWorkflowId().equals(workflowId))
              .map(SlotRequest::requestId)
              .toList();
      signal(workflowId, "ping", held);
    }
  }

  /** Signals a holder; if it is gone, frees the requests it held. */
  private void signal(String workflowId, String payload, List<String> heldIfGone) {
    notifying++;
    Promise<Void> sent =
        Async.procedure(
            () ->
                Workflow.newUntypedExternalWorkflowStub(workflowId)
                    .signal(SlotHolder.GRANTED, payload));
    sent.handle(
        (ok, failure) -> {
          notifying--;
          if (failure != null) {
            heldIfGone.forEach(holders::remove);
            changed = true;
          }
          return null;
        });
  }
}
