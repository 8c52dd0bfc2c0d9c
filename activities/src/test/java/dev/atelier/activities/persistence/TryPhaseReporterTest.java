package dev.atelier.activities.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.activities.jobs.JobState;
import dev.atelier.workflows.activities.TaskInstanceTry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which polled states reach the task instance, with a sink that remembers what it was asked. */
class TryPhaseReporterTest {
  private static final TaskInstanceTry TRY_2 =
      new TaskInstanceTry("emoji_dcgan_sweep", "manual__2026-11-23", "train", 3, 2);
  private static final String NO_QUOTA = "insufficient unused quota for nvidia.com/gpu";

  private final List<String> written = new ArrayList<>();
  private boolean rowMovedOn;
  private int failuresLeft;

  private final TryPhases sink =
      (instance, state, note) -> {
        if (failuresLeft > 0) {
          failuresLeft--;
          throw new IllegalStateException("connection refused");
        }
        written.add(instance.tryNumber() + " " + state + (note == null ? "" : ": " + note));
        return !rowMovedOn;
      };

  @Test
  void seen_pollsOfAWaitOfHours_writeOnlyTheChanges() {
    TryPhaseReporter reporter = new TryPhaseReporter(sink, TRY_2);

    for (JobState s :
        List.of(
            JobState.queued(NO_QUOTA),
            JobState.queued(NO_QUOTA),
            JobState.queued("evicted: Preempted"),
            JobState.pending("ContainerCreating"),
            JobState.running(),
            JobState.running(),
            JobState.queued("evicted: Preempted"),
            JobState.running())) {
      reporter.seen(s);
    }

    assertEquals(
        List.of(
            "2 queued: " + NO_QUOTA,
            "2 queued: evicted: Preempted",
            "2 running",
            "2 queued: evicted: Preempted",
            "2 running"),
        written);
  }

  @Test
  void ended_successWhileTheRowStillSaysQueued_showsRunningFirst() {
    TryPhaseReporter reporter = new TryPhaseReporter(sink, TRY_2);
    reporter.seen(JobState.queued(NO_QUOTA));

    reporter.ended(JobState.succeeded());

    assertEquals(List.of("2 queued: " + NO_QUOTA, "2 running"), written);
  }

  @Test
  void ended_failureWhileQueued_leavesTheRowToTheWorkflow() {
    TryPhaseReporter reporter = new TryPhaseReporter(sink, TRY_2);
    reporter.seen(JobState.queued(NO_QUOTA));

    reporter.ended(JobState.gone("Job trial-x no longer exists"));

    assertEquals(List.of("2 queued: " + NO_QUOTA), written);
  }

  @Test
  void seen_aWriteFails_isTriedAgainAtTheNextPoll() {
    TryPhaseReporter reporter = new TryPhaseReporter(sink, TRY_2);
    failuresLeft = 1;

    reporter.seen(JobState.queued(NO_QUOTA));
    reporter.seen(JobState.queued(NO_QUOTA));

    assertEquals(List.of("2 queued: " + NO_QUOTA), written);
  }

  @Test
  void seen_afterTheRowMovedOn_writesNothingMore() {
    TryPhaseReporter reporter = new TryPhaseReporter(sink, TRY_2);
    rowMovedOn = true;

    reporter.seen(JobState.queued(NO_QUOTA));
    reporter.seen(JobState.running());

    assertEquals(List.of("2 queued: " + NO_QUOTA), written, "one refused write, then none");
  }

  @Test
  void seen_aWaitThatDoesNotKnowItsTry_writesNothing() {
    TryPhaseReporter reporter = new TryPhaseReporter(sink, null);

    reporter.seen(JobState.queued(NO_QUOTA));
    reporter.ended(JobState.succeeded());

    assertEquals(List.of(), written);
  }
}
