package dev.atelier.bench.engine;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a Dag run cost Temporal, from its histories: the run's workflow with every execution it
 * continued as new from, and every child workflow (mapped chunks) with theirs. Where the engine's
 * time goes shows here as counts: each activity and each workflow task is a round trip through the
 * server. Local activities (run by the worker inside a workflow task, no round trip of their own)
 * are counted apart, from their markers.
 */
record HistorySummary(
    int executions,
    int childWorkflows,
    int continuedAsNew,
    long events,
    long workflowTasks,
    Map<String, Long> activities,
    Map<String, Long> localActivities) {

  static HistorySummary of(WorkflowClient client, String workflowId) {
    Deque<String[]> todo = new ArrayDeque<>();
    todo.add(new String[] {workflowId, null});
    int executions = 0;
    int children = 0;
    int continued = 0;
    long events = 0;
    long workflowTasks = 0;
    Map<String, Long> activities = new TreeMap<>();
    Map<String, Long> localActivities = new TreeMap<>();
    while (!todo.isEmpty()) {
      String[] next = todo.poll();
      var history =
          next[1] == null ? client.fetchHistory(next[0]) : client.fetchHistory(next[0], next[1]);
      executions++;
      for (HistoryEvent e : history.getEvents()) {
        events++;
        EventType type = e.getEventType();
        if (type == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
          workflowTasks++;
        } else if (type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
          activities.merge(
              e.getActivityTaskScheduledEventAttributes().getActivityType().getName(),
              1L,
              Long::sum);
        } else if (type == EventType.EVENT_TYPE_MARKER_RECORDED
            && e.getMarkerRecordedEventAttributes().getMarkerName().equals("LocalActivity")) {
          var payloads = e.getMarkerRecordedEventAttributes().getDetailsMap().get("type");
          String name =
              payloads == null || payloads.getPayloadsCount() == 0
                  ? "?"
                  : payloads.getPayloads(0).getData().toStringUtf8().replace("\"", "");
          localActivities.merge(name, 1L, Long::sum);
        } else if (type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED) {
          String previous =
              e.getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
          if (!previous.isEmpty()) {
            continued++;
            todo.add(new String[] {next[0], previous});
          }
        } else if (type == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED) {
          var child = e.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution();
          children++;
          todo.add(new String[] {child.getWorkflowId(), child.getRunId()});
        }
      }
    }
    return new HistorySummary(
        executions, children, continued, events, workflowTasks, activities, localActivities);
  }

  long activityCount() {
    return activities.values().stream().mapToLong(Long::longValue).sum();
  }

  long localActivityCount() {
    return localActivities.values().stream().mapToLong(Long::longValue).sum();
  }
}
