package dev.atelier.ui.rest;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The compare page's API over a real MLflow run that looks like a finished trial: the trial list
 * joins the task instance with MLflow, grids come back cacheable, curves come back thinned, and a
 * promotion moves the champion and leaves an audit row naming the user.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewApiTest {
  private static final String DAG = "emoji_dcgan_sweep";

  @Inject DataSource dataSource;

  private final MlflowFixture mlflow = new MlflowFixture();
  private final String dagRunId = MlflowFixture.uniqueRunId("test_review");
  private String mlflowRunId;

  @BeforeAll
  void oneFinishedTrial() throws Exception {
    mlflowRunId = mlflow.trialRun(DAG, dagRunId, 0, 1200, 100, 200);
    sql(
        "insert into dag_run (dag_id, run_id, state, logical_date, start_date, workflow_id)"
            + " values ('"
            + DAG
            + "', ?, 'success', now(), now(), 'wf-test')",
        dagRunId);
    sql(
        "insert into task_instance (dag_id, run_id, task_id, map_index, state, try_number,"
            + " operator, mlflow_run_id) values ('"
            + DAG
            + "', ?, 'train', 0, 'success', 1,"
            + " 'TrainOperator', '"
            + mlflowRunId
            + "')",
        dagRunId);
  }

  @AfterAll
  void cleanUp() throws Exception {
    sql("delete from dag_run where run_id = ?", dagRunId);
  }

  @Test
  void trials_joinTheTaskInstanceWithItsMlflowRun() {
    Api.asAdmin()
        .get("/api/atelier/dags/" + DAG + "/runs/" + dagRunId + "/trials")
        .then()
        .statusCode(200)
        .body("", hasSize(1))
        .body("[0].map_index", equalTo(0))
        .body("[0].state", equalTo("success"))
        .body("[0].mlflow_run_id", equalTo(mlflowRunId))
        .body("[0].status", equalTo("SUCCEEDED"))
        .body("[0].params.lr", equalTo("0.0002"))
        .body("[0].last_step", equalTo(1200))
        .body("[0].sample_steps", contains(100, 200));
  }

  @Test
  void sweeps_countTheTrialsOfARun() {
    Api.asAdmin()
        .get("/api/atelier/sweeps?limit=500")
        .then()
        .statusCode(200)
        .body("find { it.dag_run_id == '" + dagRunId + "' }.trial_count", equalTo(1))
        .body("find { it.dag_run_id == '" + dagRunId + "' }.done_count", equalTo(1));
  }

  @Test
  void artifact_sampleGrid_isServedImmutableWithAnEtag() throws Exception {
    String path = "/api/atelier/runs/" + mlflowRunId + "/artifacts/samples/step_0000200.png";
    var response =
        Api.asAdmin().get(path).then().statusCode(200).contentType("image/png").extract();

    assertArrayEquals(MlflowFixture.png(200), response.asByteArray());
    String etag = response.header("ETag");
    Api.asAdmin()
        .get(path)
        .then()
        .header("Cache-Control", equalTo("public, max-age=31536000, immutable"));
    Api.asAdmin().header("If-None-Match", etag).get(path).then().statusCode(304);
  }

  @Test
  void artifact_missing_is404NamingThePath() {
    Api.asAdmin()
        .get("/api/atelier/runs/" + mlflowRunId + "/artifacts/samples/step_0009999.png")
        .then()
        .statusCode(404)
        .body("detail", containsString("samples/step_0009999.png"));
  }

  @Test
  void artifact_ofATypeThePagesDoNotShow_is400NamingTheTypesServed() {
    // A checkpoint's weights: MLflow serves those, not the pages' proxy (which holds answers in
    // memory).
    Api.asAdmin()
        .get(
            "/api/atelier/runs/"
                + mlflowRunId
                + "/artifacts/checkpoints/step_0000100/generator-0000.params")
        .then()
        .statusCode(400)
        .body(
            "detail",
            containsString(
                "path: 'checkpoints/step_0000100/generator-0000.params' is not a type the pages"
                    + " show (.gif, .jpeg, .jpg, .json, .log, .png, .txt)"));
  }

  @Test
  void metricHistory_longRun_isThinnedTo500PointsEndingAtTheLastStep() {
    Api.asAdmin()
        .get("/api/atelier/runs/" + mlflowRunId + "/metrics/loss_g")
        .then()
        .statusCode(200)
        .body("total_points", equalTo(1200))
        .body("points", hasSize(500))
        .body("points[499].step", equalTo(1200));
  }

  @Test
  void promote_blankReason_is400NamingReason() {
    Api.asAdmin()
        .body(Map.of("reason", "   "))
        .post("/api/atelier/runs/" + mlflowRunId + "/promote")
        .then()
        .statusCode(400)
        .body("detail", containsString("reason: '   ' must not be blank"));
  }

  @Test
  void promote_noBody_is400() {
    Api.asAdmin()
        .post("/api/atelier/runs/" + mlflowRunId + "/promote")
        .then()
        .statusCode(400)
        .body("detail", containsString("is required"));
  }

  @Test
  void promote_unknownRun_is404() {
    Api.asAdmin()
        .body(Map.of("reason", "looks good", "step", 200))
        .post("/api/atelier/runs/0123456789abcdef0123456789abcdef/promote")
        .then()
        .statusCode(404);
  }

  @Test
  void promote_finishedTrial_movesChampionAndAuditsWhoAndWhy() {
    String location =
        Api.asAdmin()
            .body(Map.of("reason", "sharpest eyes at step 200", "step", 200))
            .post("/api/atelier/runs/" + mlflowRunId + "/promote")
            .then()
            .statusCode(201)
            .body("promoted_by", equalTo("admin"))
            .body("mlflow_run_id", equalTo(mlflowRunId))
            .body("dag_run_id", equalTo(dagRunId))
            .body("step", equalTo(200))
            .extract()
            .header("Location");

    Api.asAdmin()
        .get(location)
        .then()
        .statusCode(200)
        .body("reason", equalTo("sharpest eyes at step 200"));
    Api.asAdmin()
        .get("/api/atelier/models/dcgan/champion")
        .then()
        .statusCode(200)
        .body("mlflow_run_id", equalTo(mlflowRunId))
        .body("audit.promoted_by", equalTo("admin"));
    Api.asAdmin()
        .get("/api/atelier/promotions")
        .then()
        .statusCode(200)
        .body("[0].mlflow_run_id", equalTo(mlflowRunId))
        .body("[0].reason", equalTo("sharpest eyes at step 200"));
    Api.asAdmin()
        .get("/api/atelier/promotions?model=dcgan&limit=1")
        .then()
        .statusCode(200)
        .body("", hasSize(1));
  }

  private void sql(String statement, String arg) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(statement)) {
      ps.setString(1, arg);
      ps.executeUpdate();
    }
  }
}
