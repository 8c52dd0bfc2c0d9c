package dev.atelier.activities.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.activities.jobs.LocalProcessJobLauncher;
import dev.atelier.workflows.activities.TaskCall;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the local launcher a KubernetesJobOperator runs {@code cmds + arguments} as a process. */
class LocalKubernetesJobTest {
  @TempDir Path tmp;

  private Map<String, Object> run(Map<String, Object> args) {
    KubernetesJobActivitiesImpl activity =
        new KubernetesJobActivitiesImpl(
            new LocalProcessJobLauncher(tmp, Duration.ofSeconds(5)), Duration.ofMillis(20));
    return activity.run(
        new TaskCall("local_dag", "manual__1", "echo", -1, 1, args, Map.of(), Map.of()),
        phase -> {});
  }

  @Test
  void run_commandWithEnv_succeedsWithItsOutputAndTheIgnoredSettingsInTheLogs() {
    Map<String, Object> xcom =
        run(
            Map.of(
                "image", "studio/render:1.4",
                "cmds", List.of("sh", "-c"),
                "arguments", List.of("echo frames=$FRAMES"),
                "env_vars", Map.of("FRAMES", "120"),
                "node_selector", Map.of("pool", "gpu")));

    String logs = (String) xcom.get("logs");
    assertTrue(logs.endsWith("frames=120"), logs);
    assertTrue(
        logs.contains(
            "WARNING: local launcher: node_selector, tolerations, affinity and priority_class_name"
                + " ignored"),
        logs);
  }

  @Test
  void run_commandExitingNonZero_failsTheTryWithTheCodeAndLogTail() {
    ApplicationFailure failure =
        assertThrows(
            ApplicationFailure.class,
            () ->
                run(
                    Map.of(
                        "image",
                        "img",
                        "cmds",
                        List.of("sh", "-c", "echo out of memory; exit 3"))));

    assertTrue(
        failure.getOriginalMessage().contains("failed: process exited with code 3"),
        failure.getOriginalMessage());
    assertTrue(
        failure.getOriginalMessage().endsWith("out of memory"), failure.getOriginalMessage());
    assertEquals("KubernetesJobFailed", failure.getType());
  }
}
