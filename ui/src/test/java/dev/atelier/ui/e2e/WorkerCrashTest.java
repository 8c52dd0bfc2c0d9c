package dev.atelier.ui.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.ui.RequiredServices;
import dev.atelier.ui.worker.AtelierWorker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection: the worker dies while two real trainers train (local launcher). The worker is
 * stopped as a killed process would stop — {@link AtelierWorker#crash}: no graceful drain, its
 * activity threads interrupted, its launcher's memory gone — and a new one is built from nothing.
 * The trainers, separate processes, train on; the new worker finds them from their pid files when
 * Temporal retries the waits. Each trial then ends with one try (no trainer started twice), and
 * each trial's MLflow run holds every {@code loss_g} step exactly once. The time from the crash to
 * the run's end is printed (the "Faults" table of bench/RESULTS.md); no timing is asserted.
 *
 * <pre>
 *   prepare_dataset ──> train[0], train[1] (training) ──> pick_best ──> review (rejected)
 *                              │ worker crashed … 3 s … a new worker
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class WorkerCrashTest {
  private static final String DAG = "emoji_dcgan_sweep";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int STEPS = 300;

  @TempDir Path images;
  @Inject AtelierWorker worker;

  private final MlflowRest mlflow = new MlflowRest(System.getenv("ATELIER_MLFLOW_URI"));

  @Test
  void workerCrashedWhileTrialsTrain_eachTrialEndsWithOneTry_everyStepLoggedOnce()
      throws Exception {
    SyntheticImages.write(images, 48);
    String runId =
        admin()
            .body(
                Map.of(
                    "conf",
                    Map.of(
                        "dataset_path",
                        images.toString(),
                        "steps",
                        STEPS,
                        "batch_size",
                        16,
                        "sample_every",
                        100,
                        "learning_rates",
                        List.of(0.0002, 0.0001),
                        "latent_dims",
                        List.of(8),
                        "max_parallel_trials",
                        2)))
            .post("/api/v1/dags/{dag}/dagRuns", DAG)
            .then()
            .statusCode(200)
            .extract()
            .path("dag_run_id");
    List<String> trials = awaitTrialsLogging(runId, 2, Duration.ofMinutes(4));

    Instant crashed = Instant.now();
    worker.crash();
    Thread.sleep(3000);
    worker.start(null);
    String state = awaitEnd(runId, Duration.ofMinutes(8));
    System.out.printf(
        "WorkerCrashTest: worker crashed while %d trials trained; the run ended %s %.1f s after%n",
        trials.size(), state, Duration.between(crashed, Instant.now()).toMillis() / 1000.0);

    assertEquals("success", state);
    JsonNode instances =
        JSON.readTree(
            admin()
                .get("/api/v1/dags/{dag}/dagRuns/{run}/taskInstances", DAG, runId)
                .then()
                .statusCode(200)
                .extract()
                .asString());
    int trains = 0;
    for (JsonNode ti : instances.path("task_instances")) {
      if (ti.path("task_id").asText().equals("train")) {
        trains++;
        assertEquals("success", ti.path("state").asText(), ti.toString());
        assertEquals(1, ti.path("try_number").asInt(), "one try, no second trainer: " + ti);
      }
    }
    assertEquals(2, trains, instances.toString());
    for (String trial : trials) {
      JsonNode history =
          mlflow.get(
              "/api/2.0/mlflow/metrics/get-history",
              Map.of("run_id", trial, "metric_key", "loss_g"));
      List<Long> steps = new ArrayList<>();
      history.path("metrics").forEach(m -> steps.add(m.path("step").asLong()));
      steps.sort(Long::compare);
      assertEquals(
          LongStream.rangeClosed(1, STEPS).boxed().toList(), steps, "every step once: " + trial);
    }
  }

  /** The trials' MLflow runs, once each has logged a loss. */
  private List<String> awaitTrialsLogging(String runId, int count, Duration limit)
      throws Exception {
    Instant deadline = Instant.now().plus(limit);
    List<String> logging = new ArrayList<>();
    while (Instant.now().isBefore(deadline)) {
      logging.clear();
      for (JsonNode run :
          mlflow.searchRuns(
              "atelier/" + DAG,
              "tags.`atelier.run_id` = '" + runId + "' and tags.`atelier.task_id` = 'train'")) {
        if (MlflowRest.tag(run, "mlflow.parentRunId") == null) {
          continue;
        }
        String id = run.at("/info/run_id").asText();
        JsonNode history =
            mlflow.get(
                "/api/2.0/mlflow/metrics/get-history",
                Map.of("run_id", id, "metric_key", "loss_g"));
        if (history.path("metrics").size() > 0) {
          logging.add(id);
        }
      }
      if (logging.size() == count) {
        return List.copyOf(logging);
      }
      Thread.sleep(500);
    }
    throw new AssertionError("trials logging after " + limit + ": " + logging);
  }

  private static String awaitEnd(String runId, Duration limit) throws InterruptedException {
    return DemoRuns.awaitEnd(DAG, runId, limit, "fault test: the run's end is what is tested");
  }

  private static RequestSpecification admin() {
    return DemoRuns.admin();
  }
}
