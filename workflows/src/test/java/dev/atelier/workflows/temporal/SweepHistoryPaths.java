package dev.atelier.workflows.temporal;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Splits the sweep's two decision paths into their hops, from the server's own event times in the
 * sweep's and the trials' histories (one clock, so the hops add up): for {@link SweepLatencyBench}.
 *
 * <p>Prune: the report signal stored → the sweep's stop signal to the trial initiated (the sweep's
 * workflow task) → stored in the trial's history → the trial's {@code StopTrial} activity started.
 * Refill: the trial's {@code AwaitTrial} completed → the trial workflow completed (its bookkeeping)
 * → the next trial initiated by the sweep (its workflow task, bookkeeping, the sampler) → the next
 * trial's workflow started → its {@code LaunchTrial} activity started.
 */
final class SweepHistoryPaths {
  private SweepHistoryPaths() {}

  static final List<String> PRUNE_HOPS =
      List.of("sweep decides", "signal delivered", "trial schedules StopTrial, worker starts it");
  static final List<String> REFILL_HOPS =
      List.of(
          "trial workflow ends",
          "sweep starts the next trial",
          "next trial's workflow starts",
          "next trial's LaunchTrial starts");

  /** Per hop, the milliseconds of every path found. */
  static Map<String, List<Double>> prune(
      List<HistoryEvent> sweep, Map<String, List<HistoryEvent>> trials) {
    Map<String, List<Double>> hops = empty(PRUNE_HOPS);
    // The latest report of each trial: the one its stop answers.
    Map<Integer, HistoryEvent> lastReport = new HashMap<>();
    for (HistoryEvent e : sweep) {
      if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED
          && "report".equals(e.getWorkflowExecutionSignaledEventAttributes().getSignalName())) {
        TrialReport r =
            DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
                0,
                Optional.of(e.getWorkflowExecutionSignaledEventAttributes().getInput()),
                TrialReport.class,
                TrialReport.class);
        lastReport.put(r.trialId(), e);
      }
      if (e.getEventType() != EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED) {
        continue;
      }
      String trialId =
          e.getSignalExternalWorkflowExecutionInitiatedEventAttributes()
              .getWorkflowExecution()
              .getWorkflowId();
      HistoryEvent report =
          lastReport.get(Integer.parseInt(trialId.substring(trialId.lastIndexOf(':') + 1)));
      List<HistoryEvent> trial = trials.get(trialId);
      HistoryEvent delivered = first(trial, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED);
      HistoryEvent started = activityStarted(trial, "StopTrial");
      if (report == null || delivered == null || started == null) {
        continue;
      }
      add(hops, PRUNE_HOPS.get(0), report, e);
      add(hops, PRUNE_HOPS.get(1), e, delivered);
      add(hops, PRUNE_HOPS.get(2), delivered, started);
    }
    return hops;
  }

  static Map<String, List<Double>> refill(
      List<HistoryEvent> sweep, Map<String, List<HistoryEvent>> trials) {
    Map<String, List<Double>> hops = empty(REFILL_HOPS);
    Map<String, HistoryEvent> childEnded = new HashMap<>();
    HistoryEvent lastEnded = null;
    for (HistoryEvent e : sweep) {
      if (e.getEventType() == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED) {
        lastEnded = e;
        childEnded.put(
            e.getChildWorkflowExecutionCompletedEventAttributes()
                .getWorkflowExecution()
                .getWorkflowId(),
            e);
      }
      if (e.getEventType() != EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED
          || lastEnded == null) {
        continue;
      }
      String endedId =
          lastEnded
              .getChildWorkflowExecutionCompletedEventAttributes()
              .getWorkflowExecution()
              .getWorkflowId();
      List<HistoryEvent> ended = trials.get(endedId);
      List<HistoryEvent> next =
          trials.get(e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId());
      HistoryEvent awaited = activityCompleted(ended, "AwaitTrial");
      HistoryEvent completed = first(ended, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
      HistoryEvent nextStarted = first(next, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
      HistoryEvent launched = activityStarted(next, "LaunchTrial");
      if (awaited == null || completed == null || nextStarted == null || launched == null) {
        continue;
      }
      add(hops, REFILL_HOPS.get(0), awaited, completed);
      add(hops, REFILL_HOPS.get(1), childEnded.get(endedId), e);
      add(hops, REFILL_HOPS.get(2), e, nextStarted);
      add(hops, REFILL_HOPS.get(3), nextStarted, launched);
      lastEnded = null; // one refill per ended trial
    }
    return hops;
  }

  /** How many events of each type the history holds. */
  static Map<String, Integer> eventTypes(List<HistoryEvent> history) {
    Map<String, Integer> counts = new TreeMap<>();
    for (HistoryEvent e : history) {
      counts.merge(e.getEventType().name().replace("EVENT_TYPE_", ""), 1, Integer::sum);
    }
    return counts;
  }

  private static Map<String, List<Double>> empty(List<String> hops) {
    Map<String, List<Double>> m = new java.util.LinkedHashMap<>();
    hops.forEach(h -> m.put(h, new ArrayList<>()));
    return m;
  }

  private static void add(
      Map<String, List<Double>> hops, String hop, HistoryEvent a, HistoryEvent b) {
    hops.get(hop).add(millis(b) - millis(a));
  }

  private static double millis(HistoryEvent e) {
    return e.getEventTime().getSeconds() * 1e3 + e.getEventTime().getNanos() / 1e6;
  }

  private static HistoryEvent first(List<HistoryEvent> h, EventType type) {
    if (h == null) {
      return null;
    }
    for (HistoryEvent e : h) {
      if (e.getEventType() == type) {
        return e;
      }
    }
    return null;
  }

  private static Map<Long, String> activityNames(List<HistoryEvent> h) {
    Map<Long, String> names = new HashMap<>();
    for (HistoryEvent e : h) {
      if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
        names.put(
            e.getEventId(),
            e.getActivityTaskScheduledEventAttributes().getActivityType().getName());
      }
    }
    return names;
  }

  private static HistoryEvent activityStarted(List<HistoryEvent> h, String name) {
    if (h == null) {
      return null;
    }
    Map<Long, String> names = activityNames(h);
    for (HistoryEvent e : h) {
      if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED
          && name.equals(
              names.get(e.getActivityTaskStartedEventAttributes().getScheduledEventId()))) {
        return e;
      }
    }
    return null;
  }

  private static HistoryEvent activityCompleted(List<HistoryEvent> h, String name) {
    if (h == null) {
      return null;
    }
    Map<Long, String> names = activityNames(h);
    HistoryEvent last = null;
    for (HistoryEvent e : h) {
      if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
          && name.equals(
              names.get(e.getActivityTaskCompletedEventAttributes().getScheduledEventId()))) {
        last = e;
      }
    }
    return last;
  }
}
