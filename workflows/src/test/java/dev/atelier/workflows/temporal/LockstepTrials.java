package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.TrialActivities;
import dev.atelier.workflows.activities.TrialHandle;
import dev.atelier.workflows.activities.TrialOutcome;
import dev.atelier.workflows.activities.TrialRequest;
import dev.atelier.workflows.search.Evaluation;
import io.temporal.activity.Activity;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Simulated trials that take turns, so that a sweep hears the same things in the same order every
 * time it runs: the only way to hold two sweeps' decisions equal (one continuing as new, one not),
 * since real-time trials ({@link SimulatedTrials}) race each other. Each running trial has a
 * virtual clock (one evaluation per tick); the trial with the smallest tick (then map index) goes
 * next, and only when the sweep is idle — its history has no workflow task, signal, child start or
 * activity still open — and every trial the sweep counts as running is waiting for its turn. On its
 * turn a trial sends one evaluation ({@code report}, as the real {@code awaitTrial} does) and waits
 * until the sweep is idle again; a trial the sweep has stopped ends PRUNED on its next turn, before
 * anyone else reports. The values are {@link SimulatedTrials}'s: a trial converges to a value set
 * by its learning rate, best at lr = 10^-3.5.
 */
class LockstepTrials implements TrialActivities {
  final String metric;
  final long every;
  final List<TrialRequest> launched = new CopyOnWriteArrayList<>();
  volatile WorkflowClient client;
  volatile String sweepId;

  private final Object lock = new Object();
  private final Map<Integer, Long> waiting = new HashMap<>();
  private long clock;
  private boolean turnTaken;

  LockstepTrials(String metric, long every) {
    this.metric = metric;
    this.every = every;
  }

  /** Forgets every trial, for the next sweep. */
  void reset(WorkflowClient client, String sweepId) {
    synchronized (lock) {
      launched.clear();
      waiting.clear();
      clock = 0;
      turnTaken = false;
      this.client = client;
      this.sweepId = sweepId;
    }
  }

  @Override
  public TrialHandle launchTrial(TrialRequest request) {
    launched.add(request);
    int i = request.mapIndex();
    return new TrialHandle(
        "job-" + i, "run-" + i, "/work/" + i, i, null, request.sweepWorkflowId());
  }

  @Override
  public TrialOutcome awaitTrial(TrialHandle handle) {
    int i = handle.mapIndex();
    TrialRequest request =
        launched.stream().filter(r -> r.mapIndex() == i).findFirst().orElseThrow();
    long steps = ((Number) request.hyperparams().get("steps")).longValue();
    long step =
        request.initFrom() == null ? 0 : ((Number) request.initFrom().get("step")).longValue();
    double lr = ((Number) request.hyperparams().get("lr")).doubleValue();
    double base = Math.abs(Math.log10(lr) + 3.5) * 10;
    synchronized (lock) {
      waiting.put(i, clock + 1);
    }
    while (true) {
      SweepState before = awaitTurn(i);
      try {
        if (trial(before, i).stopReason() != null) {
          return pruned(handle, step, trial(before, i).stopDetail());
        }
        step += every;
        client
            .newWorkflowStub(SweepWorkflow.class, sweepId)
            .report(
                new TrialReport(
                    i, List.of(new Evaluation(step, Map.of(metric, base + 100.0 / step)))));
        long reported = step;
        SweepState after = awaitIdle(s -> trial(s, i).lastStep() >= reported);
        if (trial(after, i).stopReason() != null) {
          return pruned(handle, step, trial(after, i).stopDetail());
        }
        if (step >= steps) {
          synchronized (lock) {
            waiting.remove(i);
          }
          return new TrialOutcome(
              i,
              handle.mlflowRunId(),
              "SUCCEEDED",
              0,
              "",
              Map.of(metric, base + 100.0 / steps),
              steps);
        }
      } finally {
        synchronized (lock) {
          if (waiting.containsKey(i)) {
            waiting.put(i, clock + 1);
          }
          turnTaken = false;
        }
      }
    }
  }

  private TrialOutcome pruned(TrialHandle handle, long step, String detail) {
    synchronized (lock) {
      waiting.remove(handle.mapIndex());
    }
    return new TrialOutcome(
        handle.mapIndex(), handle.mlflowRunId(), "PRUNED", 4, detail, Map.of(), step);
  }

  private static SweepTrial trial(SweepState s, int i) {
    return s.trials().get(i);
  }

  /** Waits until it is trial {@code i}'s turn, takes it, and returns the sweep's state then. */
  private SweepState awaitTurn(int i) {
    while (true) {
      Activity.getExecutionContext().heartbeat(i);
      synchronized (lock) {
        if (!turnTaken) {
          SweepState s = idleState();
          if (s != null && next(s) == i) {
            turnTaken = true;
            clock = waiting.get(i);
            return s;
          }
        }
      }
      pause();
    }
  }

  /**
   * Whose turn it is: none while a trial the sweep counts as running is not waiting (it is being
   * launched, or its end is not heard yet); else a trial the sweep stopped (it ends first), else
   * the smallest tick, then map index.
   */
  private int next(SweepState s) {
    Set<Integer> running = new HashSet<>();
    for (SweepTrial t : s.trials()) {
      if (t.state().equals("running")) {
        running.add(t.id());
      }
    }
    if (!waiting.keySet().equals(running)) {
      return -1;
    }
    int best = -1;
    for (int id : running) {
      if (s.trials().get(id).stopReason() != null && (best < 0 || id < best)) {
        best = id;
      }
    }
    if (best >= 0) {
      return best;
    }
    for (int id : running) {
      if (best < 0
          || waiting.get(id) < waiting.get(best)
          || (waiting.get(id).equals(waiting.get(best)) && id < best)) {
        best = id;
      }
    }
    return best;
  }

  private SweepState awaitIdle(java.util.function.Predicate<SweepState> until) {
    while (true) {
      Activity.getExecutionContext().heartbeat(0);
      SweepState s = idleState();
      if (s != null && until.test(s)) {
        return s;
      }
      pause();
    }
  }

  /** The sweep's state if it is idle now (and stays so across the query), else null. */
  private SweepState idleState() {
    try {
      if (!idle()) {
        return null;
      }
      SweepState s = client.newWorkflowStub(SweepWorkflow.class, sweepId).state();
      return s != null && idle() ? s : null;
    } catch (RuntimeException notYet) {
      // A run that has just continued as new answers once its first workflow task is done.
      return null;
    }
  }

  /** Whether the sweep's current run has nothing open: no task, signal, child start, activity. */
  private boolean idle() {
    List<HistoryEvent> events = client.fetchHistory(sweepId).getEvents();
    int open = 0;
    boolean taskOpen = false;
    for (HistoryEvent e : events) {
      EventType t = e.getEventType();
      switch (t) {
        case EVENT_TYPE_WORKFLOW_TASK_SCHEDULED -> taskOpen = true;
        case EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
                EVENT_TYPE_WORKFLOW_TASK_FAILED,
                EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT ->
            taskOpen = false;
        case EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
                EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED,
                EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
                EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED ->
            open++;
        case EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_SIGNALED,
                EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED,
                EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED,
                EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED,
                EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
                EVENT_TYPE_ACTIVITY_TASK_FAILED,
                EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT,
                EVENT_TYPE_ACTIVITY_TASK_CANCELED,
                EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED,
                EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED ->
            open--;
        case EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
            EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
            EVENT_TYPE_WORKFLOW_EXECUTION_FAILED -> {
          return false;
        }
        default -> {}
      }
    }
    return !taskOpen && open == 0;
  }

  private static void pause() {
    try {
      Thread.sleep(3);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void stopTrial(TrialHandle handle, String reason, String detail) {
    // The sweep's decision is read from its state on the trial's next turn (see the class).
  }

  @Override
  public void cancelTrial(TrialHandle handle) {}
}
