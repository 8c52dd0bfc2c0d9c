package dev.atelier.activities.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local job sees the allow-listed part of the worker's environment and its own env_vars. */
class TrainerEnvironmentTest {
  @TempDir Path dir;

  @Test
  void launch_workerHoldsSecrets_childEnvironmentLacksThem() throws Exception {
    Map<String, String> worker =
        Map.of(
            "PATH", System.getenv("PATH"),
            "LC_ALL", "C.UTF-8",
            "DJL_CACHE_DIR", "/srv/djl",
            "ATELIER_HOME", "/srv/atelier",
            "ATELIER_DB_PASSWORD", "secret",
            "ATELIER_S3_SECRET_KEY", "s3-secret",
            "AWS_SECRET_ACCESS_KEY", "aws-secret");
    var launcher = new LocalProcessJobLauncher(dir, Duration.ofSeconds(5), worker);

    JobId id =
        launcher.launch(
            JobRequest.builder("trial", new JobKey("local_dag", "manual__1", "env", 0, 1))
                .cmds(List.of("bash", "-c", "env > env.txt"))
                .envVars(Map.of("ATELIER_DEVICE", "cpu"))
                .workDir(dir)
                .build());
    assertEquals(
        JobState.succeeded(), launcher.awaitCompletion(id, Duration.ofMillis(20), s -> {}));

    String env = Files.readString(dir.resolve("env.txt"));
    assertFalse(env.contains("secret"), env);
    assertFalse(env.contains("ATELIER_DB_PASSWORD"), env);
    assertTrue(env.contains("LC_ALL=C.UTF-8\n"), env);
    assertTrue(env.contains("DJL_CACHE_DIR=/srv/djl\n"), env);
    assertTrue(env.contains("ATELIER_HOME=/srv/atelier\n"), env);
    assertTrue(env.contains("ATELIER_DEVICE=cpu\n"), "the request's env_vars come on top: " + env);
  }

  @Test
  void of_keepsOnlyTheListedNamesAndPrefixes() {
    assertEquals(
        Map.of("HOME", "/home/a", "LC_TIME", "C", "OMP_NUM_THREADS", "2"),
        TrainerEnvironment.of(
            Map.of(
                "HOME", "/home/a",
                "LC_TIME", "C",
                "OMP_NUM_THREADS", "2",
                "ATELIER_DB_PASSWORD", "secret",
                "ATELIER_S3_ACCESS_KEY", "atelier")));
  }
}
