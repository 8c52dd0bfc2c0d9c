package dev.atelier.activities.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local launcher running small shell scripts in place of the trainer. */
class LocalProcessJobLauncherTest {
  @TempDir Path dir;

  private LocalProcessJobLauncher launcher(String script) {
    // bash -c SCRIPT NAME SPEC: the spec path the launcher appends becomes $1.
    return new LocalProcessJobLauncher(
        List.of("bash", "-c", script, "fake-trainer"),
        LocalProcessJobLauncher.trainerEnvironment(dir.resolve("djl")),
        Duration.ofSeconds(5));
  }

  private JobSpec spec(String name) throws IOException {
    Path specFile = dir.resolve("spec.json");
    Files.writeString(specFile, "{}");
    return new JobSpec(name, specFile, dir, Map.of(), 0);
  }

  @Test
  void awaitCompletion_trainerExitsZero_succeededWithItsOutputLogged() throws IOException {
    var launcher = launcher("echo \"training on $1 offline=$DJL_OFFLINE\"; exit 0");
    JobId id = launcher.launch(spec("ok"));

    JobOutcome outcome = launcher.awaitCompletion(id, Duration.ofMillis(20), () -> {});

    assertEquals(JobOutcome.succeeded(), outcome);
    assertEquals(
        "training on " + dir.resolve("spec.json").toAbsolutePath() + " offline=true",
        launcher.logs(id, 5));
  }

  @Test
  void awaitCompletion_trainerExitsThree_failedWithCodeThree() throws IOException {
    var launcher = launcher("echo 'loss_d was NaN at step 12' >&2; exit 3");
    JobId id = launcher.launch(spec("diverge"));

    JobOutcome outcome = launcher.awaitCompletion(id, Duration.ofMillis(20), () -> {});

    assertEquals(JobOutcome.failed(3, "trainer exited with code 3"), outcome);
    assertEquals("loss_d was NaN at step 12", launcher.logs(id, 1), "stderr lands in the log");
  }

  @Test
  void delete_runningTrainer_processEndsAfterSigterm() throws IOException {
    var launcher =
        launcher("trap 'echo checkpointed; exit 75' TERM; while true; do sleep 0.1; done");
    JobId id = launcher.launch(spec("cancel"));
    ProcessHandle process = ProcessHandle.of(Long.parseLong(id.value())).orElseThrow();
    assertTrue(launcher.status(id).isEmpty(), "running");

    launcher.delete(id);

    assertFalse(process.isAlive());
    assertEquals(JobOutcome.failed(75, "trainer exited with code 75"), launcher.status(id).get());
  }

  @Test
  void delete_trainerIgnoringSigterm_killedAfterGracePeriod() throws IOException {
    var launcher =
        new LocalProcessJobLauncher(
            List.of("bash", "-c", "trap '' TERM; while true; do sleep 0.1; done", "stubborn"),
            Map.of(),
            Duration.ofMillis(300));
    JobId id = launcher.launch(spec("stubborn"));

    launcher.delete(id);

    assertFalse(
        ProcessHandle.of(Long.parseLong(id.value())).map(ProcessHandle::isAlive).orElse(false));
  }

  @Test
  void launch_sameNameTwice_startsOneProcess() throws IOException {
    var launcher = launcher("sleep 5");
    JobId first = launcher.launch(spec("once"));
    JobId second = launcher.launch(spec("once"));

    assertEquals(first, second);
    launcher.delete(first);
  }
}
