package dev.atelier.trainers.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.trainers.TestImages;
import dev.atelier.trainers.spec.MlflowSpec;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hard case of a stop: SIGTERM reaches the trainer (a separate JVM, as the platform runs it)
 * while its tracking server is down. Within the grace period it checkpoints, puts what is queued on
 * disk, exits 75 and says so; the run's end waits on disk too. The next start of the same trial,
 * with the server back, sends the spilled points first, skips the steps they hold when it trains
 * them again, and finishes the run: every step once.
 */
class TrainerStoppedWhileMlflowDownTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  private Process start(Path spec, String log) throws Exception {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "dev.atelier.trainers.TrainerMain",
            spec.toString())
        .redirectErrorStream(true)
        .redirectOutput(tmp.resolve(log).toFile())
        .start();
  }

  @Test
  void sigtermWithMlflowDown_spillsAndExits75_theNextStartSendsItAndFinishes() throws Exception {
    Path binary = MlflowServerProcess.binary().orElse(null);
    Assumptions.assumeTrue(binary != null, MlflowServerProcess::missingMessage);
    try (MlflowServerProcess server = MlflowServerProcess.start(binary, tmp.resolve("mlflow"))) {
      MlflowRest rest = new MlflowRest(server.uri());
      String runId = rest.newRun("atelier/sigterm-" + UUID.randomUUID());
      Path data = TestImages.solidFolder(tmp.resolve("data"), 8, 32, Color.BLUE);
      Path out = tmp.resolve("out");
      Path spec = tmp.resolve("spec.json");
      Files.writeString(
          spec,
          """
          {"trial_id": "t/0", "model": "dcgan32", "dataset": {"path": "%s"},
           "hyperparams": {"steps": 100000, "batch_size": 8, "latent_dim": 8, "g_width": 4,
                           "d_width": 4},
           "sample_every": 1000, "threads": 1, "output_dir": "%s",
           "mlflow": {"tracking_uri": "%s", "run_id": "%s"}}
          """
              .formatted(data, out, server.uri(), runId));
      Process p = start(spec, "first.log");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (rest.steps(runId, "loss_g").isEmpty()) {
        assertTrue(p.isAlive(), () -> "trainer exited early: " + log("first.log"));
        assertTrue(System.nanoTime() < deadline, () -> "no metrics: " + log("first.log"));
        Thread.sleep(200);
      }
      server.kill();
      Thread.sleep(1500); // steps logged meanwhile wait in the trainer's queue
      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the trainer did not stop");
      assertEquals(75, p.exitValue(), () -> log("first.log"));

      JsonNode result = JSON.readTree(out.resolve("result.json").toFile());
      assertEquals("INTERRUPTED", result.get("status").asText());
      String reason = result.get("reason").asText();
      assertTrue(reason.contains("kept in " + out.resolve(SpillFolder.DIR)), reason);
      assertTrue(reason.contains("the MLflow run could not be ended"), reason);
      int stoppedAt = result.get("last_step").asInt();
      SpillFolder spill = new SpillFolder(out, runId);
      assertTrue(spill.readEnd().isPresent(), "the run's pending end is on disk");
      assertNotEquals(0, spill.metricPoints(), "the queued points are on disk");

      server.start();
      Files.writeString(
          spec, Files.readString(spec).replace("100000", Integer.toString(stoppedAt + 2)));
      Process again = start(spec, "second.log");
      assertTrue(again.waitFor(120, TimeUnit.SECONDS), () -> log("second.log"));
      assertEquals(0, again.exitValue(), () -> log("second.log"));
      assertTrue(
          log("second.log").contains("sending first what the previous start of this trial"),
          () -> log("second.log"));

      assertEquals("FINISHED", rest.status(runId));
      assertEquals(
          LongStream.rangeClosed(1, stoppedAt + 2).boxed().toList(),
          rest.steps(runId, "loss_g"),
          "every step once");
      assertTrue(rest.artifacts(runId).contains("checkpoints/final/generator-0000.params"));
      assertFalse(Files.exists(out.resolve(SpillFolder.DIR)), "the spill was sent and removed");
    }
  }

  /**
   * MLflow goes away while the trainer trains (its first metrics landed) and stays away past {@code
   * drain_seconds}: the trainer trains to the end, waits, keeps the points on disk and exits 75
   * rather than 0 (exit 0 would strand them: nothing starts a finished trial again). The platform's
   * relaunch, with the server back, resumes at the final checkpoint, trains no step, sends what
   * waits on disk, and finishes the run: every step once.
   */
  @Test
  void trainedToTheEndWhileMlflowStaysDown_exits75_theRelaunchSendsEverythingAndFinishes()
      throws Exception {
    Path binary = MlflowServerProcess.binary().orElse(null);
    Assumptions.assumeTrue(binary != null, MlflowServerProcess::missingMessage);
    try (MlflowServerProcess server = MlflowServerProcess.start(binary, tmp.resolve("mlflow"))) {
      MlflowRest rest = new MlflowRest(server.uri());
      String runId = rest.newRun("atelier/drained-" + UUID.randomUUID());
      Path data = TestImages.solidFolder(tmp.resolve("data"), 8, 32, Color.BLUE);
      Path out = tmp.resolve("out");
      Path spec = tmp.resolve("spec.json");
      int steps = 500;
      Files.writeString(
          spec,
          """
          {"trial_id": "t/0", "model": "dcgan32", "dataset": {"path": "%s"},
           "hyperparams": {"steps": %d, "batch_size": 8, "latent_dim": 8, "g_width": 4,
                           "d_width": 4},
           "sample_every": 1000, "threads": 1, "output_dir": "%s",
           "mlflow": {"tracking_uri": "%s", "run_id": "%s", "drain_seconds": 3}}
          """
              .formatted(data, steps, out, server.uri(), runId));
      Process p = start(spec, "first.log");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (rest.steps(runId, "loss_g").isEmpty()) {
        assertTrue(p.isAlive(), () -> "trainer exited early: " + log("first.log"));
        assertTrue(System.nanoTime() < deadline, () -> "no metrics: " + log("first.log"));
        Thread.sleep(100);
      }
      server.kill();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the trainer did not end");
      assertEquals(75, p.exitValue(), () -> log("first.log"));
      JsonNode result = JSON.readTree(out.resolve("result.json").toFile());
      assertEquals("INTERRUPTED", result.get("status").asText());
      assertEquals(steps, result.get("last_step").asInt(), "it trained to the end");
      String reason = result.get("reason").asText();
      assertTrue(reason.startsWith("trained to step " + steps + ", but "), reason);
      assertTrue(reason.contains("kept in " + out.resolve(SpillFolder.DIR)), reason);
      assertTrue(reason.contains("exiting 75 so that the next start"), reason);

      server.start();
      Process again = start(spec, "second.log");
      assertTrue(again.waitFor(120, TimeUnit.SECONDS), () -> log("second.log"));
      assertEquals(0, again.exitValue(), () -> log("second.log"));
      assertEquals("FINISHED", rest.status(runId));
      assertEquals(
          LongStream.rangeClosed(1, steps).boxed().toList(),
          rest.steps(runId, "loss_g"),
          "every step once");
      assertTrue(rest.artifacts(runId).contains("checkpoints/final/generator-0000.params"));
      assertFalse(Files.exists(out.resolve(SpillFolder.DIR)), "the spill was sent and removed");
    }
  }

  /**
   * Training is over and the trainer is waiting (up to drain_seconds, 10 minutes by default) for a
   * server that is down, when SIGTERM comes: it must not keep waiting past the grace period but put
   * everything on disk, the run's end included, and return.
   */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES) // a guard against waiting the full drain_seconds
  void aStopSignalDuringTheWaitForADownServer_putsEverythingOnDiskAndReturns() throws Exception {
    Path binary = MlflowServerProcess.binary().orElse(null);
    Assumptions.assumeTrue(binary != null, MlflowServerProcess::missingMessage);
    try (MlflowServerProcess server = MlflowServerProcess.start(binary, tmp.resolve("mlflow"))) {
      MlflowRest rest = new MlflowRest(server.uri());
      String runId = rest.newRun("atelier/drain-" + UUID.randomUUID());
      Path out = tmp.resolve("out");
      MlflowRun run =
          MlflowRun.open(
              new MlflowSpec(server.uri(), Optional.of(runId), Optional.empty()),
              "t/0",
              out,
              System.err);
      server.kill();
      for (int step = 1; step <= 3; step++) {
        run.metric("loss_g", step, step);
      }
      run.artifact("checkpoints/final/checkpoint.json", "{}".getBytes());
      AtomicReference<Optional<Instant>> halt = new AtomicReference<>(Optional.empty());
      new Thread(
              () -> {
                try {
                  Thread.sleep(2000); // the signal comes while end() waits
                } catch (InterruptedException e) {
                  return;
                }
                halt.set(Optional.of(Instant.now().plusSeconds(8)));
              })
          .start();
      MlflowRun.Ending ending =
          run.end("SUCCEEDED", "", org.mlflow.api.proto.Service.RunStatus.FINISHED, halt::get);

      assertFalse(ending.runEnded());
      assertEquals(3, ending.spilledValues());
      assertEquals(1, ending.spilledArtifacts());
      SpillFolder spill = new SpillFolder(out, runId);
      assertEquals("SUCCEEDED", spill.readEnd().orElseThrow().status());
      assertEquals("checkpoints/final/checkpoint.json", spill.artifacts().get(0).path());
      assertEquals(3, spill.metricPoints());
    }
  }

  private String log(String name) {
    try {
      return Files.readString(tmp.resolve(name));
    } catch (Exception e) {
      return e.toString();
    }
  }
}
