package dev.atelier.trainers.tracking;

import dev.atelier.trainers.train.StopSignal;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the trial's own MLflow run for the sweep's stop request ({@value
 * MlflowRun#STOP_REQUEST_TAG}) and turns it into {@link StopSignal#prune}: the loop then finishes
 * its step, checkpoints and ends PRUNED, exactly as it does on SIGTERM. The tag rather than a
 * signal, because the sweep's worker may not reach the trainer's process or pod, while both reach
 * MLflow. One GET every {@link #EVERY}; a failed poll is a warning, never the trial's end, since a
 * tracking server that blinks must not cost a trial.
 */
public final class StopWatcher implements AutoCloseable {
  static final Duration EVERY = Duration.ofSeconds(2);

  private final ScheduledExecutorService poller;

  private StopWatcher(ScheduledExecutorService poller) {
    this.poller = poller;
  }

  /** Watches {@code run} until closed; without a run there is nothing to watch. */
  public static StopWatcher watch(Optional<MlflowRun> run, StopSignal stop, PrintStream err) {
    return watch(run, stop, err, EVERY);
  }

  static StopWatcher watch(
      Optional<MlflowRun> run, StopSignal stop, PrintStream err, Duration every) {
    if (run.isEmpty()) {
      return new StopWatcher(null);
    }
    ScheduledExecutorService poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "stop-watcher");
              t.setDaemon(true);
              return t;
            });
    boolean[] failing = {false};
    poller.scheduleWithFixedDelay(
        () -> {
          try {
            Optional<String> request = run.get().currentTag(MlflowRun.STOP_REQUEST_TAG);
            failing[0] = false;
            if (request.isPresent()) {
              String text = request.get().isBlank() ? "stopped by the sweep" : request.get();
              stop.prune(text);
              poller.shutdown();
            }
          } catch (RuntimeException e) {
            if (!failing[0]) {
              err.println("warning: could not read the stop request from MLflow: " + e);
            }
            failing[0] = true;
          }
        },
        every.toMillis(),
        every.toMillis(),
        TimeUnit.MILLISECONDS);
    return new StopWatcher(poller);
  }

  @Override
  public void close() {
    if (poller != null) {
      poller.shutdownNow();
    }
  }
}
