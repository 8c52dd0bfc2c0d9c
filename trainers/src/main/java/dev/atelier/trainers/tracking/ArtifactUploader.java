package dev.atelier.trainers.tracking;

import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * PUTs files to the tracking server's artifact proxy ({@code
 * <tracking_uri>/api/2.0/mlflow-artifacts/artifacts/<run artifact path>/<path>}), one at a time and
 * in order on a background thread, so the step loop never waits on the network. An upload the
 * server cannot take now (no connection, a timeout, 5xx, 429) is tried again after a capped,
 * jittered backoff; one it refuses (another 4xx) is recorded in {@link Rejections} and skipped.
 * Waiting uploads are held in memory up to {@value #IN_MEMORY_BYTES} bytes; beyond that, and when
 * the trainer must exit, they wait in the {@link SpillFolder} instead, which a later start of the
 * trial sends first.
 */
final class ArtifactUploader {
  static final long IN_MEMORY_BYTES = 64L << 20;
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

  /** One waiting upload: its bytes in memory, or (spilled) the file that holds them. */
  private static final class Entry {
    final String path;
    byte[] bytes;
    Path file;

    Entry(String path, byte[] bytes, Path file) {
      this.path = path;
      this.bytes = bytes;
      this.file = file;
    }
  }

  private final TrackingHttp http;
  private final String base;
  private final SpillFolder spill;
  private final Rejections rejections;
  private final Backoff backoff;
  private final PrintStream err;
  private final Object lock = new Object();
  private final Deque<Entry> queue = new ArrayDeque<>();
  private final Thread thread;
  private long bytesInMemory;
  private boolean busy;
  private boolean closed;
  private int failures;
  private String lastError;

  /**
   * @param artifactUri the run's artifact_uri, e.g. {@code mlflow-artifacts:/1/<run>/artifacts}
   */
  ArtifactUploader(
      TrackingHttp http,
      String artifactUri,
      SpillFolder spill,
      Rejections rejections,
      Backoff backoff,
      PrintStream err) {
    this.http = http;
    this.base = base(http.trackingUri(), artifactUri);
    this.spill = spill;
    this.rejections = rejections;
    this.backoff = backoff;
    this.err = err;
    for (SpillFolder.Spilled s : spill.artifacts()) {
      queue.add(new Entry(s.path(), null, s.file()));
    }
    this.thread = new Thread(this::loop, "mlflow-artifacts");
    thread.setDaemon(true);
    thread.start();
  }

  static String base(String trackingUri, String artifactUri) {
    String scheme = "mlflow-artifacts:";
    if (!artifactUri.startsWith(scheme)) {
      throw new IllegalStateException(
          "the run's artifact_uri '"
              + artifactUri
              + "' is not served by the tracking server; start it with --serve-artifacts");
    }
    String rest = artifactUri.substring(scheme.length());
    if (rest.startsWith("//")) { // mlflow-artifacts://host:port/path: the host is the server's
      int slash = rest.indexOf('/', 2);
      rest = slash < 0 ? "" : rest.substring(slash);
    }
    return trackingUri + "/api/2.0/mlflow-artifacts/artifacts/" + rest.replaceAll("^/+|/+$", "");
  }

  void put(String path, byte[] bytes) {
    synchronized (lock) {
      if (bytesInMemory + bytes.length > IN_MEMORY_BYTES) {
        queue.add(new Entry(path, null, spill.writeArtifact(path, bytes)));
      } else {
        queue.add(new Entry(path, bytes, null));
        bytesInMemory += bytes.length;
      }
      lock.notifyAll();
    }
  }

  private void loop() {
    while (true) {
      Entry e;
      byte[] bytes;
      Path file;
      synchronized (lock) {
        while (!closed && queue.isEmpty()) {
          if (!waitLocked(1000)) {
            return;
          }
        }
        if (closed) {
          return;
        }
        e = queue.peekFirst();
        bytes = e.bytes;
        file = e.file;
        busy = true;
      }
      boolean retry = false;
      try {
        HttpRequest.BodyPublisher body =
            bytes != null
                ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                : HttpRequest.BodyPublishers.ofFile(file);
        http.put(base + "/" + e.path, body, REQUEST_TIMEOUT);
        if (failures > 0) {
          err.println("MLflow takes artifacts again after " + failures + " failed attempts");
        }
        failures = 0;
      } catch (FileNotFoundException gone) {
        // spilled twice and already sent under its other name: nothing left to do
      } catch (DeliveryFailure f) {
        if (f.permanent()) {
          rejections.artifact(e.path, f);
          failures = 0;
        } else {
          retry = true;
          failures++;
          if (!Objects.equals(f.getMessage(), lastError)) {
            err.println("warning: uploading to MLflow failed, will retry: " + f.getMessage());
          }
          lastError = f.getMessage();
        }
      }
      synchronized (lock) {
        busy = false;
        if (!retry) {
          queue.remove(e);
          if (e.bytes != null) {
            bytesInMemory -= e.bytes.length;
          }
          if (e.file != null) {
            spill.delete(e.file);
          }
        }
        lock.notifyAll();
        if (retry && !closed && !backOffLocked()) {
          return;
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

  private boolean waitLocked(long millis) {
    try {
      lock.wait(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Writes every upload still held in memory, the one on its way included, to the spill folder and
   * returns how many. An upload that then arrives deletes its spilled copy.
   */
  int spillPending() {
    synchronized (lock) {
      int n = 0;
      for (Entry e : queue) {
        if (e.file == null) {
          e.file = spill.writeArtifact(e.path, e.bytes);
          bytesInMemory -= e.bytes.length;
          e.bytes = null;
          n++;
        }
      }
      return n;
    }
  }

  /** Returns once every queued upload has arrived or been refused, or at {@code by}. */
  boolean awaitDelivered(Instant by) {
    synchronized (lock) {
      while (!queue.isEmpty() || busy) {
        long left = Duration.between(Instant.now(), by).toMillis();
        if (left <= 0 || closed || !waitLocked(Math.min(left, 200))) {
          return false;
        }
      }
      return true;
    }
  }

  int waiting() {
    synchronized (lock) {
      return queue.size();
    }
  }

  String lastError() {
    return lastError;
  }

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
