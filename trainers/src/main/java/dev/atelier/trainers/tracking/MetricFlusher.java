package dev.atelier.trainers.tracking;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.tracking.MlflowClient;

/**
 * Collects metric points and sends them with log-batch from a background thread, about every second
 * or as soon as {@value #EAGER} are waiting. A failed send keeps the points for the next attempt,
 * so a tracking server that blips loses nothing.
 */
final class MetricFlusher implements AutoCloseable {
  static final int EAGER = 500;

  /** MLflow accepts at most 1000 metrics in one log-batch request. */
  static final int MAX_PER_REQUEST = 1000;

  private static final long PERIOD_MS = 1000;
  private static final int MAX_PENDING = 1_000_000;

  private final MlflowClient client;
  private final String runId;
  private final PrintStream err;
  private final Object lock = new Object();
  private final Thread thread;
  private List<Metric> pending = new ArrayList<>();
  private boolean closed;
  private String lastError;
  private int dropped;

  MetricFlusher(MlflowClient client, String runId, PrintStream err) {
    this.client = client;
    this.runId = runId;
    this.err = err;
    this.thread = new Thread(this::loop, "mlflow-metrics");
    thread.setDaemon(true);
    thread.start();
  }

  void add(String key, double value, long step) {
    Metric m =
        Metric.newBuilder()
            .setKey(key)
            .setValue(value)
            .setStep(step)
            .setTimestamp(System.currentTimeMillis())
            .build();
    synchronized (lock) {
      if (pending.size() >= MAX_PENDING) {
        dropped++;
        return;
      }
      pending.add(m);
      if (pending.size() >= EAGER) {
        lock.notifyAll();
      }
    }
  }

  private void loop() {
    while (true) {
      List<Metric> batch;
      synchronized (lock) {
        if (!closed && pending.size() < EAGER) {
          try {
            lock.wait(PERIOD_MS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        if (closed) {
          return;
        }
        batch = pending;
        pending = new ArrayList<>();
      }
      send(batch);
    }
  }

  /** Sends what it can; puts back, in order, what it could not. */
  private boolean send(List<Metric> batch) {
    for (int i = 0; i < batch.size(); i += MAX_PER_REQUEST) {
      List<Metric> chunk = batch.subList(i, Math.min(batch.size(), i + MAX_PER_REQUEST));
      try {
        client.logBatch(runId, chunk, List.of(), List.of());
      } catch (RuntimeException e) {
        String msg = e.getMessage();
        if (!Objects.equals(msg, lastError)) {
          err.println("warning: sending metrics to MLflow failed, will retry: " + msg);
        }
        lastError = msg;
        synchronized (lock) {
          List<Metric> back = new ArrayList<>(batch.subList(i, batch.size()));
          back.addAll(pending);
          pending = back;
        }
        return false;
      }
    }
    return true;
  }

  /** Stops the thread and sends whatever is left; returns an error message if points were lost. */
  String drain() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (int attempt = 1; attempt <= 3; attempt++) {
      List<Metric> rest = takePending();
      if (rest.isEmpty() || send(rest)) {
        return dropped > 0 ? dropped + " metric values were dropped (queue full)" : null;
      }
      try {
        Thread.sleep(500L * attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return takePending().size() + " metric values could not be sent: " + lastError;
  }

  private List<Metric> takePending() {
    synchronized (lock) {
      List<Metric> p = pending;
      pending = new ArrayList<>();
      return p;
    }
  }

  @Override
  public void close() {
    drain();
  }
}
