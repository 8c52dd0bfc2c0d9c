package dev.atelier.activities.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker that crashed and came back: the trial's pid file leads the new worker to the trainer
 * still at work instead of a second trainer for the same trial.
 */
class LocalProcessJobAdoptionTest {
  @TempDir Path dir;

  private final LocalProcessJobLauncher before =
      new LocalProcessJobLauncher(Path.of("unused"), Duration.ofSeconds(5));
  private final LocalProcessJobLauncher afterRestart =
      new LocalProcessJobLauncher(Path.of("unused"), Duration.ofSeconds(5));
  private Process stranger;

  @AfterEach
  void stopAll() throws IOException {
    JobPidFile.read(dir.resolve(JobPidFile.IN_WORK_DIR))
        .flatMap(JobPidFile::live)
        .ifPresent(ProcessHandle::destroyForcibly);
    if (stranger != null) {
      stranger.destroyForcibly();
    }
  }

  /** A fake trainer: counts its starts in starts.txt, then works until stopped. */
  private JobRequest trial(int tryNumber) {
    return JobRequest.builder("trial", new JobKey("local_dag", "manual__1", "train", 0, tryNumber))
        .cmds(List.of("bash", "-c", "echo started >> starts.txt; exec sleep 30"))
        .workDir(dir)
        .build();
  }

  private long starts() throws IOException {
    Path f = dir.resolve("starts.txt");
    for (int i = 0; i < 200 && !Files.exists(f); i++) {
      sleep();
    }
    return Files.readAllLines(f).size();
  }

  @Test
  void launch_retryAfterWorkerRestart_adoptsTheRunningTrainerInsteadOfStartingASecond()
      throws IOException {
    JobId first = before.launch(trial(1));

    JobId retried = afterRestart.launch(trial(2));

    assertEquals(first, retried, "the retry follows the trainer the crashed worker started");
    assertEquals(1, starts(), "one trainer for the trial");
    assertEquals(JobState.Phase.RUNNING, afterRestart.state(retried).phase());

    afterRestart.delete(retried);

    assertFalse(
        ProcessHandle.of(LocalProcessJobLauncher.pid(retried)).isPresent()
            && ProcessHandle.of(LocalProcessJobLauncher.pid(retried)).get().isAlive());
    assertEquals(JobState.Phase.GONE, afterRestart.state(retried).phase());
    assertFalse(Files.exists(dir.resolve(JobPidFile.IN_WORK_DIR)), "no pid file left behind");
  }

  @Test
  void launch_pidFileOfAnEndedProcess_startsANewTrainerAndReplacesIt() throws Exception {
    Process ended = new ProcessBuilder("sleep", "0.2").start();
    JobPidFile stale = JobPidFile.of(ended.toHandle()).orElseThrow();
    ended.waitFor();
    stale.write(dir.resolve(JobPidFile.IN_WORK_DIR));

    JobId id = afterRestart.launch(trial(2));

    assertNotEquals(stale.jobId(), id);
    assertEquals(1, starts());
    assertEquals(id, JobPidFile.read(dir.resolve(JobPidFile.IN_WORK_DIR)).orElseThrow().jobId());
  }

  @Test
  void launch_pidFileWhosePidNowBelongsToAnotherProgram_startsANewTrainerAndLeavesTheOtherAlone()
      throws IOException {
    stranger = new ProcessBuilder("sleep", "30").start();
    JobPidFile reused = new JobPidFile(stranger.pid(), 1); // same pid, another start time
    reused.write(dir.resolve(JobPidFile.IN_WORK_DIR));

    JobId id = afterRestart.launch(trial(2));

    assertNotEquals(stranger.pid(), LocalProcessJobLauncher.pid(id));
    assertEquals(1, starts());
    assertEquals(id, JobPidFile.read(dir.resolve(JobPidFile.IN_WORK_DIR)).orElseThrow().jobId());
    afterRestart.delete(id);
    assertTrue(stranger.isAlive(), "deleting our trial never touches the other program");
  }

  private static void sleep() {
    try {
      Thread.sleep(25);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
