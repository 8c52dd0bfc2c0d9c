package dev.atelier.ui.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path of one sweep through every real component: the Airflow-style trigger, the Temporal
 * workflows, the local job launcher running the real DJL trainer, MLflow, the promotion into
 * MLflow's registry and the audit row in PostgreSQL. Asserted through MLflow's own REST API.
 *
 * <pre>
 *   prepare_dataset ──> train[0] (latent 8)  ──> pick_best
 *                  └──> train[1] (latent 16) ──┘
 * </pre>
 */
@QuarkusTest
class EndToEndSweepTest {
  private static final String DAG = "emoji_dcgan_sweep";
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

  @TempDir Path images;

  private final MlflowRest mlflow = new MlflowRest(env("ATELIER_MLFLOW_URI"));

  private static RequestSpecification admin() {
    return given().auth().preemptive().basic("admin", "admin").contentType("application/json");
  }

  @Test
  void tinySweep_runsTwoTrials_logsToMlflow_andPromotionMovesChampion() throws Exception {
    SyntheticImages.write(images, 48);
    String runId =
        trigger(
            Map.of(
                "dataset_path", images.toString(),
                "steps", 12,
                "batch_size", 16,
                "sample_every", 6,
                "learning_rates", List.of(0.0002),
                "latent_dims", List.of(8, 16),
                "max_parallel_trials", 2));
    assertEquals("success", awaitEnd(runId, Duration.ofMinutes(6)));

    List<JsonNode> trials =
        mlflow.searchRuns(
            "atelier/" + DAG,
            "tags.`atelier.run_id` = '" + runId + "' and tags.`atelier.task_id` = 'train'");
    List<JsonNode> children =
        trials.stream().filter(r -> MlflowRest.tag(r, "mlflow.parentRunId") != null).toList();
    assertEquals(2, children.size(), "one MLflow child run per trial");
    Set<String> parents = new HashSet<>();
    for (JsonNode run : children) {
      String id = run.at("/info/run_id").asText();
      parents.add(MlflowRest.tag(run, "mlflow.parentRunId"));
      assertEquals("FINISHED", run.at("/info/status").asText());
      JsonNode history =
          mlflow.get(
              "/api/2.0/mlflow/metrics/get-history", Map.of("run_id", id, "metric_key", "loss_g"));
      assertEquals(12, history.path("metrics").size(), "one loss_g value per step");
      JsonNode samples =
          mlflow.get("/api/2.0/mlflow/artifacts/list", Map.of("run_id", id, "path", "samples"));
      Set<String> files = new HashSet<>();
      samples.path("files").forEach(f -> files.add(f.path("path").asText()));
      assertTrue(files.contains("samples/step_0000006.png"), "grid at step 6: " + files);
      assertTrue(files.contains("samples/step_0000012.png"), "grid at step 12: " + files);
      byte[] png = mlflow.bytes("/get-artifact?path=samples/step_0000012.png&run_uuid=" + id);
      assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 4), "the grid is a PNG");
    }
    assertEquals(1, parents.size(), "both trials share one parent run");

    String promoted = children.get(0).at("/info/run_id").asText();
    admin()
        .body(Map.of("reason", "sharpest grid at step 12", "step", 12))
        .post("/api/atelier/runs/{id}/promote", promoted)
        .then()
        .statusCode(201);
    JsonNode alias =
        mlflow.get(
            "/api/2.0/mlflow/registered-models/alias",
            Map.of("name", "emoji_dcgan", "alias", "champion"));
    assertEquals(promoted, alias.at("/model_version/run_id").asText());
    admin()
        .get("/api/atelier/promotions")
        .then()
        .statusCode(200)
        .body("[0].mlflow_run_id", equalTo(promoted))
        .body("[0].promoted_by", equalTo("admin"))
        .body("[0].reason", equalTo("sharpest grid at step 12"));
  }

  @Test
  void conditionalSweep_trainsOnClassFolders_andItsRunNamesTheClasses() throws Exception {
    SyntheticImages.write(images.resolve("circles"), 16);
    SyntheticImages.write(images.resolve("squares"), 16);
    String runId =
        trigger(
            Map.of(
                "dataset_path",
                images.toString(),
                "model",
                "cdcgan32",
                "steps",
                4,
                "batch_size",
                8,
                "sample_every",
                4,
                "learning_rates",
                List.of(0.0002),
                "latent_dims",
                List.of(8)));
    assertEquals("success", awaitEnd(runId, Duration.ofMinutes(4)));

    List<JsonNode> trials =
        mlflow.searchRuns(
            "atelier/" + DAG,
            "tags.`atelier.run_id` = '" + runId + "' and tags.`atelier.task_id` = 'train'");
    JsonNode child =
        trials.stream()
            .filter(r -> MlflowRest.tag(r, "mlflow.parentRunId") != null)
            .findFirst()
            .orElseThrow();
    Map<String, String> params = new java.util.HashMap<>();
    child
        .at("/data/params")
        .forEach(p -> params.put(p.path("key").asText(), p.path("value").asText()));
    assertEquals("cdcgan32", params.get("model"));
    assertEquals("2", params.get("num_classes"), "one class per sub-folder: " + params);
    assertEquals("circles,squares", params.get("class_names"));
  }

  @Test
  void unreadableImages_failTheTrialsWithTheTrainersReason() throws Exception {
    for (int i = 0; i < 3; i++) {
      Files.writeString(images.resolve("broken" + i + ".png"), "not a png");
    }
    String runId =
        trigger(
            Map.of(
                "dataset_path", images.toString(),
                "steps", 5,
                "learning_rates", List.of(0.0002),
                "latent_dims", List.of(8)));
    assertEquals("failed", awaitEnd(runId, Duration.ofMinutes(4)));
    admin()
        .get("/api/v1/dags/{dag}/dagRuns/{run}/taskInstances", DAG, runId)
        .then()
        .statusCode(200)
        .body("task_instances.find { it.task_id == 'train' }.state", equalTo("failed"))
        .body(
            "task_instances.find { it.task_id == 'train' }.note",
            org.hamcrest.Matchers.containsString("holds no readable images"));
  }

  private String trigger(Map<String, Object> conf) {
    return admin()
        .body(Map.of("conf", conf))
        .post("/api/v1/dags/{dag}/dagRuns", DAG)
        .then()
        .statusCode(200)
        .extract()
        .path("dag_run_id");
  }

  private String awaitEnd(String runId, Duration limit) throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    String state = "";
    while (Instant.now().isBefore(deadline)) {
      state =
          admin()
              .get("/api/v1/dags/{dag}/dagRuns/{run}", DAG, runId)
              .then()
              .statusCode(200)
              .extract()
              .path("state");
      if (state.equals("success") || state.equals("failed")) {
        return state;
      }
      Thread.sleep(1000);
    }
    return "still " + state + " after " + limit;
  }

  private static String env(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set: run the suite with ./atelier test");
    }
    return value;
  }
}
