package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.SweepRunRequest;
import dev.atelier.workflows.activities.TrackingActivities;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An MLflow stand-in that hands out one parent run and remembers how runs were ended. */
class FakeTracking implements TrackingActivities {
  final List<SweepRunRequest> sweeps = new CopyOnWriteArrayList<>();
  final List<String> finished = new CopyOnWriteArrayList<>();
  final Map<String, Map<String, String>> tags = new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public void tagRun(String mlflowRunId, Map<String, String> tags) {
    this.tags
        .computeIfAbsent(mlflowRunId, k -> new java.util.concurrent.ConcurrentHashMap<>())
        .putAll(tags);
  }

  @Override
  public String startSweepRun(SweepRunRequest request) {
    sweeps.add(request);
    return "parent-1";
  }

  @Override
  public void finishRun(String mlflowRunId, String status) {
    finished.add(mlflowRunId + ":" + status);
  }
}
