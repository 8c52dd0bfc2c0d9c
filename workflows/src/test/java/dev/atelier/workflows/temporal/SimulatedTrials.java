package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.TrialActivities;
import dev.atelier.workflows.activities.TrialHandle;
import dev.atelier.workflows.activities.TrialOutcome;
import dev.atelier.workflows.activities.TrialRequest;
import dev.atelier.workflows.search.Evaluation;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/**
 * A trainer stand-in for searching sweeps: trial {@code i} "trains" to its {@code steps} in real
 * time, and at every {@code every} steps sends its sweep an evaluation of {@code metric} — the
 * value of {@link #quality} for its hyperparameters plus a term that shrinks with the step, so a
 * trial's rank is the same at every rung — exactly as the real {@code awaitTrial} signals it. A
 * trial the sweep stops ends PRUNED at its next step; one started from a donor (PBT) starts at the
 * donor's step.
 */
class SimulatedTrials implements TrialActivities {
  final String metric;
  final long every;
  volatile long millisPerEvaluation;
  final List<TrialRequest> launched = new CopyOnWriteArrayList<>();
  final Map<Integer, String> stopRequests = new ConcurrentHashMap<>();
  final AtomicInteger running = new AtomicInteger();
  final AtomicInteger maxRunning = new AtomicInteger();
  volatile WorkflowClient client;

  /** The value a trial converges to, from its hyperparameters (smaller is better). */
  volatile ToDoubleFunction<Map<String, Object>> quality =
      p -> Math.abs(Math.log10(((Number) p.get("lr")).doubleValue()) + 3.5) * 10;

  SimulatedTrials(String metric, long every, long millisPerEvaluation) {
    this.metric = metric;
    this.every = every;
    this.millisPerEvaluation = millisPerEvaluation;
  }

  @Override
  public TrialHandle launchTrial(TrialRequest request) {
    launched.add(request);
    int i = request.mapIndex();
    return new TrialHandle(
        "job-" + i, "run-" + i, "/work/" + i, i, null, request.sweepWorkflowId());
  }

  private TrialRequest request(int mapIndex) {
    return launched.stream().filter(r -> r.mapIndex() == mapIndex).findFirst().orElseThrow();
  }

  @Override
  public TrialOutcome awaitTrial(TrialHandle handle) {
    int i = handle.mapIndex();
    TrialRequest request = request(i);
    long steps = ((Number) request.hyperparams().get("steps")).longValue();
    long start =
        request.initFrom() == null ? 0 : ((Number) request.initFrom().get("step")).longValue();
    double base = quality.applyAsDouble(request.hyperparams());
    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
    try {
      long step = start;
      while (step < steps) {
        if (stopRequests.containsKey(i)) {
          return new TrialOutcome(
              i, handle.mlflowRunId(), "PRUNED", 4, stopRequests.get(i), Map.of(), step);
        }
        sleep(millisPerEvaluation);
        step += every;
        io.temporal.activity.Activity.getExecutionContext().heartbeat(step);
        double value = base + 100.0 / step;
        if (handle.sweepWorkflowId() != null) {
          client
              .newWorkflowStub(SweepWorkflow.class, handle.sweepWorkflowId())
              .report(new TrialReport(i, List.of(new Evaluation(step, Map.of(metric, value)))));
        }
      }
      return new TrialOutcome(
          i, handle.mlflowRunId(), "SUCCEEDED", 0, "", Map.of(metric, base + 100.0 / steps), steps);
    } finally {
      running.decrementAndGet();
    }
  }

  @Override
  public void stopTrial(TrialHandle handle, String reason, String detail) {
    stopRequests.putIfAbsent(handle.mapIndex(), detail);
  }

  @Override
  public void cancelTrial(TrialHandle handle) {
    stopRequests.putIfAbsent(handle.mapIndex(), "cancelled");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
