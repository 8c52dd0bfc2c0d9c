package dev.atelier.activities.trials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.atelier.activities.Services;
import dev.atelier.activities.jobs.LocalProcessJobLauncher;
import dev.atelier.activities.mlflow.AtelierTags;
import dev.atelier.activities.mlflow.MlflowRuns;
import dev.atelier.workflows.activities.TrialActivities;
import dev.atelier.workflows.activities.TrialHandle;
import dev.atelier.workflows.activities.TrialOutcome;
import dev.atelier.workflows.activities.TrialRequest;
import dev.atelier.workflows.search.Evaluation;
import dev.atelier.workflows.temporal.TrialReport;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.tracking.MlflowClient;

/**
 * A trial of a searching sweep with the real trainer (this checkout's build, as the local launcher
 * runs it) and the real MLflow: while it trains, its wait sends each evaluation to the sweep once,
 * in step order; the sweep's stop request ends it PRUNED (exit 4, not a failure) with the request's
 * words as its reason.
 */
class SweepTrialTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private final MlflowClient mlflow = Services.mlflow();
  private final String dagId = "test_sweep_trial_" + UUID.randomUUID().toString().substring(0, 8);
  private final TestActivityEnvironment temporal = TestActivityEnvironment.newInstance();
  private final List<TrialReport> reports = new CopyOnWriteArrayList<>();
  private final List<String> reportedTo = new CopyOnWriteArrayList<>();
  @TempDir Path workDir;

  @AfterEach
  void close() {
    temporal.close();
  }

  /** The trainer as {@code ./atelier} runs it from a built checkout. */
  private static List<String> trainer() throws Exception {
    Path classes = ROOT.resolve("trainers/target/classes");
    Path deps = ROOT.resolve("trainers/target/classpath.txt");
    if (!Files.isDirectory(classes.resolve("dev/atelier/trainers")) || !Files.exists(deps)) {
      fail("build the trainer first (mvn -pl trainers compile): " + classes + " or " + deps);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = classes + ":" + Files.readString(deps).trim();
    return List.of(java, "-cp", cp, "dev.atelier.trainers.TrainerMain");
  }

  private static Path images(Path dir) throws Exception {
    Files.createDirectories(dir);
    for (int i = 0; i < 8; i++) {
      BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
      var g = img.createGraphics();
      g.setColor(new Color(40 + 20 * i, 120, 200 - 10 * i));
      g.fillRect(0, 0, 32, 32);
      g.dispose();
      ImageIO.write(img, "png", dir.resolve("img" + i + ".png").toFile());
    }
    return dir;
  }

  @Test
  void aSweepsTrialReportsEachEvaluationOnceAndEndsPrunedWhenStopped() throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DJL_OFFLINE", "true");
    String cache = System.getenv("DJL_CACHE_DIR");
    env.put("DJL_CACHE_DIR", cache != null ? cache : ROOT.resolve(".atelier/djl").toString());
    TrialActivitiesImpl impl =
        new TrialActivitiesImpl(
            mlflow,
            new LocalProcessJobLauncher(workDir, Duration.ofSeconds(5)),
            TrialJobSettings.local(trainer(), env),
            workDir,
            Services.env("ATELIER_MLFLOW_URI"),
            OptionalInt.of(1),
            Duration.ofMillis(200),
            dev.atelier.activities.persistence.TryPhases.NONE,
            (id, report) -> {
              reportedTo.add(id);
              reports.add(report);
            });
    temporal.registerActivitiesImplementations(impl);
    TrialActivities trials =
        temporal.newActivityStub(
            TrialActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(3))
                .setHeartbeatTimeout(Duration.ofSeconds(10))
                .build());
    Map<String, Object> hp = new LinkedHashMap<>();
    hp.putAll(
        Map.of("steps", 100000, "batch_size", 8, "latent_dim", 8, "g_width", 4, "d_width", 4));
    hp.put("sample_every", 2);
    hp.put("quality", false);
    TrialRequest request =
        new TrialRequest(
            dagId,
            "manual__2026-12-06T09:00:00+00:00",
            "train",
            3,
            null,
            null,
            hp,
            Map.of("path", images(workDir.resolve("data")).toString(), "image_size", 32),
            1234,
            0,
            Map.of(),
            "sweep-" + dagId,
            null);

    TrialHandle handle = trials.launchTrial(request);
    assertEquals("sweep-" + dagId, handle.sweepWorkflowId());
    CompletableFuture<TrialOutcome> waiting =
        CompletableFuture.supplyAsync(() -> trials.awaitTrial(handle));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (evaluations().size() < 3) {
      assertTrue(!waiting.isDone(), () -> "the trial ended first: " + waiting.join());
      assertTrue(System.nanoTime() < deadline, "no 3 evaluations reported: " + reports);
      Thread.sleep(200);
    }

    String why = "rung 1: fd_diag_rgb8 is worse than the best third at step 6";
    impl.stopTrial(handle, "rung", why);
    TrialOutcome outcome = waiting.get(90, TimeUnit.SECONDS);

    assertEquals("PRUNED", outcome.status());
    assertEquals(4, outcome.exitCode());
    assertEquals(why, outcome.reason());
    Run run = mlflow.getRun(handle.mlflowRunId());
    assertEquals(RunStatus.FINISHED, run.getInfo().getStatus(), "pruned is not a failure");
    assertEquals("PRUNED", MlflowRuns.tag(run, AtelierTags.STATUS).orElseThrow());
    assertEquals("rung", MlflowRuns.tag(run, AtelierTags.STOP_REASON).orElseThrow());
    assertEquals(why, MlflowRuns.tag(run, AtelierTags.STOP_DETAIL).orElseThrow());
    assertTrue(
        Files.isRegularFile(Path.of(handle.workDir(), "checkpoints/final/checkpoint.json")),
        "the pruned trial keeps a resumable checkpoint");

    List<Evaluation> sent = evaluations();
    List<Long> steps = sent.stream().map(Evaluation::step).toList();
    for (int i = 0; i < steps.size(); i++) {
      assertEquals(2L * (i + 1), steps.get(i), "each sample step once, in order: " + steps);
    }
    assertTrue(steps.get(steps.size() - 1) <= outcome.lastStep(), steps + " " + outcome);
    for (Evaluation e : sent) {
      assertTrue(e.metrics().containsKey("fd_diag_rgb8"), e.toString());
      assertTrue(e.metrics().containsKey("loss_d_avg"), e.toString());
      assertTrue(e.metrics().containsKey("d_accuracy_avg"), e.toString());
    }
    assertTrue(reports.stream().allMatch(r -> r.trialId() == 3), reports.toString());
    assertTrue(reportedTo.stream().allMatch(("sweep-" + dagId)::equals), reportedTo.toString());

    // A second request for an ended trial changes nothing.
    impl.stopTrial(handle, "no_improvement", "too late");
    Run after = mlflow.getRun(handle.mlflowRunId());
    assertEquals("rung", MlflowRuns.tag(after, AtelierTags.STOP_REASON).orElseThrow());
    assertEquals(RunStatus.FINISHED, after.getInfo().getStatus());
  }

  private List<Evaluation> evaluations() {
    List<Evaluation> all = new ArrayList<>();
    reports.forEach(r -> all.addAll(r.evaluations()));
    return all;
  }
}
