package dev.atelier.trainers.tracking;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects metric points and sends them with log-batch from a background thread, about every second
 * or as soon as {@value #EAGER} are waiting. Points the server cannot take now (no connection, a
 * timeout, 5xx, 429) are kept and sent again after a capped, jittered backoff; points it refuses (a
 * 4xx) are narrowed down by halving the batch, recorded in {@link Rejections} and skipped, so one
 * bad value never holds back the rest. More than {@value #IN_MEMORY} waiting points go to the
 * {@link SpillFolder}, which is sent first, oldest first; so does everything still waiting when the
 * trainer has to exit.
 */
final class MetricFlusher {
  static final int EAGER = 500;

  /** MLflow accepts at most 1000 metrics in one log-batch request. */
  static final int MAX_PER_REQUEST = 1000;

  /** About 5 MB of points; a server down for long at a high step rate spills beyond it. */
  static final int IN_MEMORY = 50_000;

  /** Requests spent narrowing one refused batch down to the points the server refuses. */
  private static final int BISECT_BUDGET = 40;

  private static final long PERIOD_MS = 1000;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final TrackingHttp http;
  private final String runId;
  private final SpillFolder spill;
  private final Rejections rejections;
  private final Backoff backoff;
  private final PrintStream err;
  private final Object lock = new Object();
  private final Thread thread;
  private List<MetricPoint> pending = new ArrayList<>();
  private List<MetricPoint> inFlight = List.of();
  private boolean inFlightSpilled;
  private boolean draining;
  private boolean closed;
  private int failures;
  private String lastError;

  MetricFlusher(
      TrackingHttp http,
      String runId,
      SpillFolder spill,
      Rejections rejections,
      Backoff backoff,
      PrintStream err) {
    this.http = http;
    this.runId = runId;
    this.spill = spill;
    this.rejections = rejections;
    this.backoff = backoff;
    this.err = err;
    this.thread = new Thread(this::loop, "mlflow-metrics");
    thread.setDaemon(true);
    thread.start();
  }

  void add(String key, double value, long step) {
    MetricPoint p = new MetricPoint(key, value, step, System.currentTimeMillis());
    synchronized (lock) {
      pending.add(p);
      if (pending.size() >= IN_MEMORY) {
        spill.writeMetrics(pending);
        pending = new ArrayList<>();
        lock.notifyAll();
      } else if (pending.size() >= EAGER) {
        lock.notifyAll();
      }
    }
  }

  private void loop() {
    while (true) {
      synchronized (lock) {
        if (!closed && !draining && pending.size() < EAGER) {
          if (!waitLocked(PERIOD_MS)) {
            return;
          }
        }
        if (closed) {
          return;
        }
      }
      if (deliverRound()) {
        if (failures > 0) {
          err.println("MLflow takes metrics again after " + failures + " failed attempts");
        }
        failures = 0;
        synchronized (lock) {
          lock.notifyAll(); // wakes awaitDelivered
          if (draining && pending.isEmpty() && !waitLocked(100)) {
            return;
          }
        }
      } else {
        failures++;
        synchronized (lock) {
          if (!closed && !backOffLocked()) {
            return;
          }
        }
      }
    }
  }

  /** Waits out the backoff for the failures so far; only closing cuts it short. */
  private boolean backOffLocked() {
    long until = System.nanoTime() + backoff.delay(failures).toNanos();
    for (long left; !closed && (left = until - System.nanoTime()) > 0; ) {
      if (!waitLocked(Math.max(1, left / 1_000_000))) {
        return false;
      }
    }
    return true;
  }

  /** Waits on the lock; false when the thread was interrupted. */
  private boolean waitLocked(long millis) {
    try {
      lock.wait(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Sends spilled points, then the waiting ones; false when the server could not take them. */
  private boolean deliverRound() {
    for (Path f : spill.metricFiles()) {
      if (!sendAll(SpillFolder.readMetrics(f))) {
        return false;
      }
      spill.delete(f);
    }
    List<MetricPoint> batch;
    synchronized (lock) {
      batch = pending;
      pending = new ArrayList<>();
      inFlight = batch;
      inFlightSpilled = false;
    }
    int failedAt = -1;
    for (int i = 0; i < batch.size(); i += MAX_PER_REQUEST) {
      if (!sendAll(batch.subList(i, Math.min(batch.size(), i + MAX_PER_REQUEST)))) {
        failedAt = i;
        break;
      }
    }
    synchronized (lock) {
      if (failedAt >= 0 && !inFlightSpilled) {
        List<MetricPoint> back = new ArrayList<>(batch.subList(failedAt, batch.size()));
        back.addAll(pending);
        pending = back;
      }
      inFlight = List.of();
    }
    return failedAt < 0;
  }

  /** Sends up to one request's worth; false on a failure worth retrying. */
  private boolean sendAll(List<MetricPoint> points) {
    for (int i = 0; i < points.size(); i += MAX_PER_REQUEST) {
      try {
        sendOrNarrow(
            points.subList(i, Math.min(points.size(), i + MAX_PER_REQUEST)),
            new int[] {BISECT_BUDGET});
      } catch (DeliveryFailure e) {
        if (!Objects.equals(e.getMessage(), lastError)) {
          err.println("warning: sending metrics to MLflow failed, will retry: " + e.getMessage());
        }
        lastError = e.getMessage();
        return false;
      }
    }
    return true;
  }

  /** A refused batch is halved until the refused points are found, within a request budget. */
  private void sendOrNarrow(List<MetricPoint> chunk, int[] budget) throws DeliveryFailure {
    try {
      send(chunk);
    } catch (DeliveryFailure e) {
      if (!e.permanent()) {
        throw e;
      }
      if (chunk.size() == 1 || budget[0] < 2) {
        rejections.metrics(chunk, e);
        return;
      }
      budget[0] -= 2;
      int half = chunk.size() / 2;
      sendOrNarrow(chunk.subList(0, half), budget);
      sendOrNarrow(chunk.subList(half, chunk.size()), budget);
    }
  }

  private void send(List<MetricPoint> chunk) throws DeliveryFailure {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("run_id", runId);
    var list = body.putArray("metrics");
    chunk.forEach(p -> list.add(p.toJson()));
    http.post("runs/log-batch", body.toString(), REQUEST_TIMEOUT);
  }

  /**
   * Puts every waiting point, the batch on its way included, into the spill folder: fast, and what
   * a trainer that must exit does first. A point both spilled and sent is harmless: the server
   * keeps one copy of an identical point. Returns how many points were spilled.
   */
  int spillPending() {
    synchronized (lock) {
      List<MetricPoint> all = new ArrayList<>(inFlight);
      all.addAll(pending);
      if (all.isEmpty()) {
        return 0;
      }
      spill.writeMetrics(all);
      pending = new ArrayList<>();
      inFlightSpilled = !inFlight.isEmpty();
      lock.notifyAll();
      return all.size();
    }
  }

  /** Sends without waiting between rounds and returns once all has arrived, or at {@code by}. */
  boolean awaitDelivered(Instant by) {
    synchronized (lock) {
      draining = true;
      lock.notifyAll();
    }
    while (true) {
      synchronized (lock) {
        if (pending.isEmpty() && inFlight.isEmpty() && spill.metricFiles().isEmpty()) {
          return true;
        }
        long left = Duration.between(Instant.now(), by).toMillis();
        if (left <= 0 || closed) {
          return false;
        }
        if (!waitLocked(Math.min(left, 200))) {
          return false;
        }
      }
    }
  }

  String lastError() {
    return lastError;
  }

  /** Stops the thread; what it has not sent stays where it is (spill it first). */
  void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
