package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.TrialActivities;
import dev.atelier.workflows.activities.TrialHandle;
import dev.atelier.workflows.activities.TrialOutcome;
import dev.atelier.workflows.activities.TrialRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A job launcher stand-in. Trial {@code i} succeeds with {@code fd_diag_rgb8 = 10 - i} (or what
 * {@link #metrics} says) unless a status is set for it; in blocking mode a trial runs until it is
 * cancelled.
 */
class FakeTrials implements TrialActivities {
  final List<TrialRequest> launched = new CopyOnWriteArrayList<>();
  final List<Integer> cancelled = new CopyOnWriteArrayList<>();
  final Map<Integer, List<String>> statuses = new ConcurrentHashMap<>();
  final Map<Integer, CountDownLatch> stopped = new ConcurrentHashMap<>();
  volatile boolean runUntilCancelled;
  volatile CountDownLatch awaiting = new CountDownLatch(0);

  /** The metrics a successful trial reports, by map index. */
  volatile IntFunction<Map<String, Double>> metrics = i -> Map.of("fd_diag_rgb8", 10.0 - i);

  /** Real time each trial takes, so tests can see how many run at once. */
  volatile long holdMillis;

  final AtomicInteger running = new AtomicInteger();
  final AtomicInteger maxRunning = new AtomicInteger();

  /** Trial {@code mapIndex} ends with these statuses, one per launch (then SUCCEEDED). */
  FakeTrials endWith(int mapIndex, String... perLaunch) {
    statuses.put(mapIndex, new CopyOnWriteArrayList<>(List.of(perLaunch)));
    return this;
  }

  @Override
  public TrialHandle launchTrial(TrialRequest request) {
    launched.add(request);
    int i = request.mapIndex();
    stopped.putIfAbsent(i, new CountDownLatch(1));
    return new TrialHandle("job-" + i, "run-" + i, "/work/" + i, i);
  }

  @Override
  public TrialOutcome awaitTrial(TrialHandle handle) {
    int i = handle.mapIndex();
    awaiting.countDown();
    if (runUntilCancelled) {
      try {
        stopped.get(i).await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new TrialOutcome(i, handle.mlflowRunId(), "FAILED", 143, "killed", Map.of(), 7);
    }
    if (holdMillis > 0) {
      maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(holdMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        running.decrementAndGet();
      }
    }
    List<String> planned = statuses.get(i);
    String status = planned == null || planned.isEmpty() ? "SUCCEEDED" : planned.remove(0);
    return switch (status) {
      case "SUCCEEDED" ->
          new TrialOutcome(i, handle.mlflowRunId(), status, 0, null, metrics.apply(i), 300);
      case "BAD_SPEC" ->
          new TrialOutcome(
              i,
              handle.mlflowRunId(),
              status,
              2,
              "dataset.path: '/data/emoji' holds no images",
              Map.of(),
              0);
      case "INTERRUPTED" ->
          new TrialOutcome(
              i, handle.mlflowRunId(), status, 75, "SIGTERM at step 120", Map.of(), 120);
      default -> new TrialOutcome(i, handle.mlflowRunId(), status, 1, "boom", Map.of(), 0);
    };
  }

  @Override
  public void stopTrial(TrialHandle handle, String reason, String detail) {}

  @Override
  public void cancelTrial(TrialHandle handle) {
    cancelled.add(handle.mapIndex());
    stopped.get(handle.mapIndex()).countDown();
  }
}
