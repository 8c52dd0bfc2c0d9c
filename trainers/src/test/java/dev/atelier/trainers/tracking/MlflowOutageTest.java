package dev.atelier.trainers.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.trainers.TestImages;
import dev.atelier.trainers.TrialRunner;
import dev.atelier.trainers.train.Checkpoint;
import dev.atelier.trainers.train.SampleHook;
import dev.atelier.trainers.train.SampleOutput;
import dev.atelier.trainers.train.StopSignal;
import java.awt.Color;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tracking server dies mid-trial (SIGKILL to a server of the test's own, SQLite store and
 * artifact folder under a temporary folder) and comes back on the same port with the same store
 * after {@link #outageSeconds()} (10 s, plus the ~10 s a restart takes); the trial trains on
 * meanwhile. Afterwards every metric step is in MLflow's history exactly once, every grid and
 * checkpoint file the trial made is among the run's artifacts, and the run is FINISHED: the outage
 * cost nothing a user can see.
 *
 * <p>{@code bench/mlflow_outage.sh} runs this same test with a 60 s outage (ATELIER_OUTAGE_SECONDS)
 * and reads the line it prints, starting {@value #ROW}.
 */
class MlflowOutageTest {
  static final String ROW = "FAULT-ROW ";
  private static final int STEPS = 40;
  private static final int KILL_AT = 10;
  private static final List<String> STEP_METRICS =
      List.of(
          "loss_g",
          "loss_d",
          "d_real",
          "d_fake",
          "grad_norm_g",
          "grad_norm_d",
          "lr_g",
          "lr_d",
          "images_per_sec");

  @TempDir Path tmp;

  private static int outageSeconds() {
    String s = System.getenv("ATELIER_OUTAGE_SECONDS");
    return s == null || s.isBlank() ? 10 : Integer.parseInt(s.strip());
  }

  @Test
  void mlflowKilledMidTrialAndRestarted_nothingIsLost_theRunFinishes() throws Exception {
    Path binary = MlflowServerProcess.binary().orElse(null);
    Assumptions.assumeTrue(binary != null, MlflowServerProcess::missingMessage);
    int outage = outageSeconds();
    try (MlflowServerProcess server = MlflowServerProcess.start(binary, tmp.resolve("mlflow"))) {
      MlflowRest rest = new MlflowRest(server.uri());
      String runId = rest.newRun("atelier/outage-" + UUID.randomUUID());
      Path data = TestImages.solidFolder(tmp.resolve("data"), 8, 32, Color.ORANGE);
      Path out = tmp.resolve("out");
      AtomicLong killedAt = new AtomicLong();
      AtomicLong backAt = new AtomicLong();
      Thread[] restarter = new Thread[1];
      // At step 10 the server dies; the sample steps during the outage each take a second longer,
      // so the trial trains on for a while without a server, then waits for it at its end.
      SampleHook hook =
          c -> {
            try {
              if (c.step() == KILL_AT) {
                server.kill();
                killedAt.set(System.currentTimeMillis());
                restarter[0] =
                    new Thread(
                        () -> {
                          try {
                            Thread.sleep(outage * 1000L);
                            server.start();
                            backAt.set(System.currentTimeMillis());
                          } catch (Exception e) {
                            throw new IllegalStateException(e);
                          }
                        });
                restarter[0].start();
              } else if (killedAt.get() > 0 && backAt.get() == 0) {
                Thread.sleep(1000);
              }
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
            return SampleOutput.EMPTY;
          };
      Path spec = tmp.resolve("spec.json");
      Files.writeString(
          spec,
          """
          {"trial_id": "t/0", "model": "dcgan32", "dataset": {"path": "%s"},
           "hyperparams": {"steps": %d, "batch_size": 8, "latent_dim": 8, "g_width": 4,
                           "d_width": 4},
           "sample_every": 5, "threads": 1, "output_dir": "%s", "quality": {"enabled": false},
           "mlflow": {"tracking_uri": "%s", "run_id": "%s"}}
          """
              .formatted(data, STEPS, out, server.uri(), runId));
      PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
      int code = new TrialRunner(quiet, System.err, new StopSignal(), s -> hook).run(spec);
      restarter[0].join();

      assertEquals(0, code);
      assertEquals("FINISHED", rest.status(runId));
      assertEquals("SUCCEEDED", rest.tag(runId, MlflowRun.STATUS_TAG).orElse(""));
      List<Long> everyStep = LongStream.rangeClosed(1, STEPS).boxed().toList();
      int pointsLost = 0;
      for (String key : STEP_METRICS) {
        List<Long> steps = rest.steps(runId, key);
        pointsLost += (int) everyStep.stream().filter(s -> !steps.contains(s)).count();
        assertEquals(everyStep, steps, key + ": each step once");
      }
      TreeSet<String> expected = expectedArtifacts(out);
      TreeSet<String> present = rest.artifacts(runId);
      TreeSet<String> missing = new TreeSet<>(expected);
      missing.removeAll(present);
      assertEquals(new TreeSet<String>(), missing, "artifacts missing from the run");
      assertFalse(Files.exists(out.resolve(SpillFolder.DIR)), "nothing left in the spill folder");

      long endTime = rest.run(runId).path("info").path("end_time").asLong();
      System.out.printf(
          Locale.ROOT,
          "%sfault=MLflow killed mid-trial (SIGKILL), restarted on the same port and store"
              + " | outage_s=%.1f | points_lost=%d of %d | artifacts_lost=%d of %d"
              + " | recovered_after_s=%.1f%n",
          ROW,
          (backAt.get() - killedAt.get()) / 1000.0,
          pointsLost,
          STEPS * STEP_METRICS.size(),
          missing.size(),
          expected.size(),
          (endTime - backAt.get()) / 1000.0);
      assertTrue(endTime >= backAt.get(), "the run ended after the server was back");
    }
  }

  /**
   * What the trial must have uploaded: the grids it also wrote to its output folder, each sample
   * step's generator and descriptor, and the final checkpoint.
   */
  private static TreeSet<String> expectedArtifacts(Path out) throws Exception {
    TreeSet<String> expected = new TreeSet<>();
    for (String dir : List.of("samples", "inputs")) {
      try (Stream<Path> files = Files.walk(out.resolve(dir))) {
        files.filter(Files::isRegularFile).forEach(f -> expected.add(out.relativize(f).toString()));
      }
    }
    for (int step = 5; step < STEPS; step += 5) {
      expected.add(Checkpoint.artifactDir(step) + "/checkpoint.json");
      expected.add(Checkpoint.artifactDir(step) + "/generator-0000.params");
    }
    for (String f :
        List.of("checkpoint.json", "discriminator-0000.params", "generator-0000.params")) {
      expected.add("checkpoints/final/" + f);
    }
    assertEquals(STEPS / 5, expected.stream().filter(p -> p.startsWith("samples/")).count());
    return expected;
  }
}
