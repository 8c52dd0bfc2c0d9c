package dev.atelier.ui.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.activities.trials.TrainerFiles;
import dev.atelier.activities.trials.TrialDirs;
import dev.atelier.ui.RequiredServices;
import dev.atelier.ui.config.AtelierConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code r3gan} and {@code stylegan2} through a searching sweep, end to end: the real sweep
 * workflow proposes one trial of each family (with the family's own fields and adaptive
 * augmentation as a searched {@code augment_ada}), the local launcher runs the real DJL trainer for
 * each, MLflow records the model, ADA's probability at every step, the quality metric and the last
 * grid, and {@code pick_best} takes the trial with the lower {@code fd_rgb8}.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class StyleFamiliesSearchEndToEndTest {
  private static final String DAG = StyleSearchDag.DAG_ID;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path images;

  @Inject AtelierConfig config;

  private final MlflowRest mlflow = new MlflowRest(System.getenv("ATELIER_MLFLOW_URI"));

  @Test
  void bothFamiliesTrainInTheSweep_withAda_andTheBetterOneIsPicked() throws Exception {
    SyntheticImages.write(images, 48);
    String runId =
        admin()
            .body(Map.of("conf", Map.of("dataset_path", images.toString())))
            .post("/api/v1/dags/{dag}/dagRuns", DAG)
            .then()
            .statusCode(200)
            .extract()
            .path("dag_run_id");
    assertEquals("success", awaitEnd(runId, Duration.ofMinutes(8)));

    Map<String, JsonNode> byModel = new HashMap<>();
    Map<String, Double> fd = new HashMap<>();
    for (JsonNode run :
        mlflow.searchRuns(
            "atelier/" + DAG,
            "tags.`atelier.run_id` = '" + runId + "' and tags.`atelier.task_id` = 'train'")) {
      if (MlflowRest.tag(run, "mlflow.parentRunId") == null) {
        continue;
      }
      Map<String, String> params = new HashMap<>();
      run.at("/data/params")
          .forEach(p -> params.put(p.path("key").asText(), p.path("value").asText()));
      String model = params.get("model");
      byModel.put(model, run);
      assertEquals("FINISHED", run.at("/info/status").asText(), model);
      // The trainer's own record of the spec it ran: ADA on, at the searched target.
      Path dir =
          TrialDirs.of(
              config.home().toAbsolutePath().normalize().resolve("trials"),
              DAG,
              runId,
              "train",
              Integer.parseInt(MlflowRest.tag(run, "atelier.map_index")));
      JsonNode spec = JSON.readTree(dir.resolve(TrainerFiles.SPEC).toFile());
      assertEquals(0.5, spec.at("/augment/ada/target").asDouble(), model + ": " + spec);
      String id = run.at("/info/run_id").asText();

      // ADA's probability at every step, as the trainer logs it.
      TreeSet<Long> adaSteps = new TreeSet<>();
      mlflow
          .get(
              "/api/2.0/mlflow/metrics/get-history",
              Map.of("run_id", id, "metric_key", "ada_p", "max_results", "1000"))
          .path("metrics")
          .forEach(m -> adaSteps.add(m.path("step").asLong()));
      assertEquals(StyleSearchDag.STEPS, adaSteps.size(), model + ": ada_p steps " + adaSteps);
      assertEquals(StyleSearchDag.STEPS, adaSteps.last(), model);

      JsonNode fdHistory =
          mlflow
              .get(
                  "/api/2.0/mlflow/metrics/get-history",
                  Map.of("run_id", id, "metric_key", "fd_rgb8"))
              .path("metrics");
      assertTrue(fdHistory.size() >= 2, model + ": fd_rgb8 at the sample steps " + fdHistory);
      for (JsonNode m : fdHistory) {
        if (m.path("step").asLong() == StyleSearchDag.STEPS) {
          fd.put(model, m.path("value").asDouble());
        }
      }
      TreeSet<String> grids = new TreeSet<>();
      mlflow
          .get("/api/2.0/mlflow/artifacts/list", Map.of("run_id", id, "path", "samples"))
          .path("files")
          .forEach(f -> grids.add(f.path("path").asText()));
      assertTrue(
          grids.contains(String.format("samples/step_%07d.png", StyleSearchDag.STEPS)),
          model + ": the last step's grid in MLflow: " + grids);
    }
    assertEquals(List.of("r3gan", "stylegan2"), List.copyOf(new TreeSet<>(byModel.keySet())));

    String better = fd.get("r3gan") <= fd.get("stylegan2") ? "r3gan" : "stylegan2";
    JsonNode picked = pickedBy(runId);
    assertNotNull(picked.path("mlflow_run_id").asText(null), picked.toString());
    assertEquals(
        byModel.get(better).at("/info/run_id").asText(),
        picked.path("mlflow_run_id").asText(),
        "pick_best took the lower fd_rgb8 of " + fd);
  }

  private static JsonNode pickedBy(String runId) throws Exception {
    return JSON.readTree(
            admin()
                .queryParam("deserialize", "true")
                .get(
                    "/api/v1/dags/{dag}/dagRuns/{run}/taskInstances/pick_best/xcomEntries/"
                        + "return_value",
                    DAG,
                    runId)
                .then()
                .statusCode(200)
                .extract()
                .asString())
        .path("value");
  }

  private static String awaitEnd(String runId, Duration limit) throws InterruptedException {
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

  private static RequestSpecification admin() {
    return given().auth().preemptive().basic("admin", "admin").contentType("application/json");
  }
}
