package dev.atelier.activities.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./atelier down}'s {@code stop_local_jobs} (scripts/local-jobs.sh) against pid files this
 * launcher wrote: the script reads the start time as Java does, so it stops our trainer (which
 * checkpoints on SIGTERM) and leaves a program that got a recorded pid since alone.
 */
class LocalJobsDownScriptTest {
  private static final Path SCRIPT = Path.of("..", "scripts", "local-jobs.sh").toAbsolutePath();

  @TempDir Path home;

  @Test
  void stopLocalJobs_trainerOfACrashedWorker_sigtermedCheckpointsAndCounted() throws Exception {
    Path trial = home.resolve("demo/trials/local_dag/manual__1/train/0");
    var launcher = new LocalProcessJobLauncher(home, Duration.ofSeconds(5));
    JobId id =
        launcher.launch(
            JobRequest.builder("trial", new JobKey("local_dag", "manual__1", "train", 0, 1))
                .cmds(
                    List.of(
                        "bash",
                        "-c",
                        "trap 'sleep 0.3; echo checkpointed; exit 75' TERM; echo ready;"
                            + " while true; do sleep 0.1; done"))
                .workDir(trial)
                .build());
    for (int i = 0; i < 200 && !launcher.logs(id, 1).equals("ready"); i++) {
      Thread.sleep(25);
    }
    Process stranger = new ProcessBuilder("sleep", "30").start();
    try {
      Files.createDirectories(home.resolve("k8s-jobs"));
      new JobPidFile(stranger.pid(), 1).write(home.resolve("k8s-jobs/old-task.job.pid"));
      String out = stopLocalJobs(home);

      assertEquals("atelier: stopped 1 local job(s) under " + home, out.strip());
      assertEquals(JobState.failed(75, "process exited with code 75"), launcher.state(id));
      assertEquals("checkpointed", launcher.logs(id, 1));
      assertTrue(stranger.isAlive(), "a pid with another start time is not ours");
      assertFalse(Files.exists(trial.resolve(JobPidFile.IN_WORK_DIR)));
    } finally {
      stranger.destroyForcibly();
      launcher.delete(id);
    }
  }

  private static String stopLocalJobs(Path dir) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "bash",
                "-c",
                ". \"$0\"; stop_local_jobs \"$1\" 5",
                SCRIPT.toString(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
