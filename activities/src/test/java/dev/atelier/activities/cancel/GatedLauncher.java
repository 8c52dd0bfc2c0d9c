package dev.atelier.activities.cancel;

import dev.atelier.activities.jobs.JobId;
import dev.atelier.activities.jobs.JobLauncher;
import dev.atelier.activities.jobs.JobRequest;
import dev.atelier.activities.jobs.JobState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A launcher that holds {@code launch} until the test opens the gate (when {@code gated}), so a
 * cancel can arrive while a Job is being created; every Job it launched is remembered.
 */
final class GatedLauncher implements JobLauncher {
  final List<JobId> launched = new CopyOnWriteArrayList<>();
  final CountDownLatch entered = new CountDownLatch(1);
  final CountDownLatch gate;
  private final JobLauncher real;

  GatedLauncher(JobLauncher real, boolean gated) {
    this.real = real;
    this.gate = new CountDownLatch(gated ? 1 : 0);
  }

  @Override
  public JobId launch(JobRequest request) {
    entered.countDown();
    try {
      if (!gate.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never opened the gate");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    JobId id = real.launch(request);
    launched.add(id);
    return id;
  }

  @Override
  public JobState state(JobId id) {
    return real.state(id);
  }

  @Override
  public void delete(JobId id) {
    real.delete(id);
  }

  @Override
  public String logs(JobId id, int lines) {
    return real.logs(id, lines);
  }

  @Override
  public JobState awaitCompletion(JobId id, Duration pollEvery, Consumer<JobState> betweenPolls) {
    return real.awaitCompletion(id, pollEvery, betweenPolls);
  }
}
