package dev.atelier.activities.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local launcher running small shell scripts in place of a trainer or a container. */
class LocalProcessJobLauncherTest {
  @TempDir Path dir;

  private final LocalProcessJobLauncher launcher =
      new LocalProcessJobLauncher(Path.of("unused"), Duration.ofSeconds(5));

  /** {@code bash -c SCRIPT NAME SPEC}: the spec path the launcher appends becomes $1. */
  private JobRequest.Builder request(String task, String script) throws IOException {
    Path spec = dir.resolve("spec.json");
    Files.writeString(spec, "{}");
    return JobRequest.builder("trial", new JobKey("local_dag", "manual__1", task, 0, 1))
        .cmds(List.of("bash", "-c", script, "fake-trainer"))
        .specFile(new JobRequest.SpecFile(spec, "/etc/atelier/trial"))
        .workDir(dir);
  }

  @Test
  void awaitCompletion_exitsZero_succeededWithItsOutputLogged() throws IOException {
    JobId id =
        launcher.launch(
            request("ok", "echo \"training on $1 offline=$DJL_OFFLINE\"; exit 0")
                .envVars(Map.of("DJL_OFFLINE", "true"))
                .build());

    JobState ended = launcher.awaitCompletion(id, Duration.ofMillis(20), s -> {});

    assertEquals(JobState.succeeded(), ended);
    assertEquals(
        "training on " + dir.resolve("spec.json").toAbsolutePath() + " offline=true",
        launcher.logs(id, 5));
    assertTrue(Files.isRegularFile(dir.resolve(LocalProcessJobLauncher.LOG_FILE)));
  }

  @Test
  void awaitCompletion_exitsThree_failedWithCodeThree() throws IOException {
    JobId id = launcher.launch(request("diverge", "echo 'loss_d was NaN' >&2; exit 3").build());

    JobState ended = launcher.awaitCompletion(id, Duration.ofMillis(20), s -> {});

    assertEquals(JobState.failed(3, "process exited with code 3"), ended);
    assertEquals("loss_d was NaN", launcher.logs(id, 1), "stderr lands in the log");
  }

  @Test
  void delete_running_processEndsAfterSigterm() throws Exception {
    JobId id =
        launcher.launch(
            request(
                    "cancel",
                    "trap 'echo checkpointed; exit 75' TERM; echo ready;"
                        + " while true; do sleep 0.1; done")
                .build());
    ProcessHandle process = ProcessHandle.of(LocalProcessJobLauncher.pid(id)).orElseThrow();
    awaitLog(id, "ready"); // its trap is set: a SIGTERM now is the trainer's to handle
    assertEquals(JobState.Phase.RUNNING, launcher.state(id).phase());

    launcher.delete(id);

    assertFalse(process.isAlive());
    assertEquals(JobState.failed(75, "process exited with code 75"), launcher.state(id));
  }

  private void awaitLog(JobId id, String line) throws InterruptedException {
    for (int i = 0; i < 200 && !launcher.logs(id, 1).equals(line); i++) {
      Thread.sleep(25);
    }
    assertEquals(line, launcher.logs(id, 1));
  }

  @Test
  void delete_processIgnoringSigterm_killedAfterGracePeriod() throws IOException {
    var impatient = new LocalProcessJobLauncher(dir, Duration.ofMillis(300));
    JobId id =
        impatient.launch(
            request("stubborn", "trap '' TERM; while true; do sleep 0.1; done").build());

    impatient.delete(id);

    assertFalse(
        ProcessHandle.of(LocalProcessJobLauncher.pid(id))
            .map(ProcessHandle::isAlive)
            .orElse(false));
  }

  @Test
  void launch_sameRequestTwice_startsOneProcess() throws IOException {
    JobRequest r = request("once", "sleep 5").build();
    JobId first = launcher.launch(r);
    JobId second = launcher.launch(r);

    assertEquals(first, second);
    launcher.delete(first);
  }

  @Test
  void state_processThisLauncherDidNotStart_followedWhileItLivesThenGone() throws IOException {
    JobId id = launcher.launch(request("restart", "sleep 5").build());
    var afterRestart = new LocalProcessJobLauncher(dir, Duration.ofSeconds(5));

    assertEquals(JobState.Phase.RUNNING, afterRestart.state(id).phase());
    afterRestart.delete(id);
    assertEquals(JobState.Phase.GONE, afterRestart.state(id).phase());
  }

  @Test
  void state_pidReusedByAnotherProcess_gone() {
    long self = ProcessHandle.current().pid();

    assertEquals(JobState.Phase.GONE, launcher.state(new JobId(self + "@1")).phase());
  }

  @Test
  void launch_kubernetesOnlySettings_runsAndSaysInTheLogWhatItIgnored() throws IOException {
    JobId id =
        launcher.launch(
            request("ignored", "echo done")
                .image("studio/render:1.4")
                .nodeSelector(Map.of("pool", "gpu"))
                .queueName("gpu-queue")
                .build());

    launcher.awaitCompletion(id, Duration.ofMillis(20), s -> {});

    String log = launcher.logs(id, 10);
    assertTrue(log.contains("WARNING: local launcher: image studio/render:1.4 ignored"), log);
    assertTrue(
        log.contains(
            "WARNING: local launcher: node_selector, tolerations, affinity and"
                + " priority_class_name ignored"),
        log);
    assertTrue(log.contains("WARNING: local launcher: queue_name ignored"), log);
    assertTrue(log.endsWith("done"), log);
  }

  @Test
  void launch_noCmds_refusedNamingTheField() throws IOException {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> launcher.launch(request("nocmd", "").cmds(List.of()).build()));

    assertEquals(
        "cmds: [] must name the program to run: the local launcher has no image entrypoint",
        e.getMessage());
  }
}
