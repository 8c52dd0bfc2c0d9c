package dev.atelier.ui.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;

/**
 * {@code GET /api/atelier/datasets/{name}/versions/{n}/runs}: the MLflow runs whose lineage tags
 * name the version, from every experiment (two Dags here), with the trial each was and its latest
 * metrics; a run of another version is not listed. A viewer may read it, nobody signed in may not;
 * an unknown version is 404 and a number that is not one 400, naming it.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetVersionRunsApiTest {
  @Inject DataSource dataSource;
  private RoleUsers users;
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String name = "lin-" + suffix;
  private final MlflowClient mlflow = new MlflowClient(System.getenv("ATELIER_MLFLOW_URI"));

  @BeforeAll
  void users() {
    users = new RoleUsers(dataSource, "lineage");
  }

  @AfterAll
  void cleanUp() {
    users.close();
    new RunFixtures(dataSource).sql("delete from dataset_source where name = ?", name);
  }

  /** The source, with one image, registered once whichever test runs first. */
  private void registered() throws Exception {
    if (users.as("viewer").get("/api/atelier/datasets/" + name + "/versions").statusCode() != 404) {
      return;
    }
    Path folder = Files.createTempDirectory("atelier-lineage");
    BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.ORANGE);
    g.fillRect(0, 0, 40, 40);
    g.dispose();
    Files.createDirectories(folder.resolve("cats"));
    ImageIO.write(img, "png", folder.resolve("cats/a.png").toFile());
    users
        .as("lead")
        .body(Map.of("name", name, "path", folder.toString(), "quiet_seconds", 3600))
        .post("/api/atelier/datasets")
        .then()
        .statusCode(201);
  }

  private String run(String dagId, int mapIndex, String version, double loss) {
    String experiment = "atelier/" + dagId;
    String experimentId =
        mlflow
            .getExperimentByName(experiment)
            .map(Service.Experiment::getExperimentId)
            .orElseGet(() -> mlflow.createExperiment(experiment));
    String runId = mlflow.createRun(experimentId).getRunId();
    Map<String, String> tags =
        Map.of(
            "atelier.dag_id",
            dagId,
            "atelier.run_id",
            "manual__1",
            "atelier.task_id",
            "train",
            "atelier.map_index",
            Integer.toString(mapIndex),
            "atelier.status",
            "SUCCEEDED",
            "atelier.dataset_name",
            name,
            "atelier.dataset_version",
            version,
            "atelier.dataset_digest",
            "f".repeat(64));
    tags.forEach((k, v) -> mlflow.setTag(runId, k, v));
    mlflow.logMetric(runId, "loss_g", loss);
    mlflow.setTerminated(runId, Service.RunStatus.FINISHED);
    return runId;
  }

  @Test
  void runsOfAVersion_listedAcrossDagsWithTheirTrialAndMetrics_forAViewer() throws Exception {
    registered();
    users.as("member").post("/api/atelier/datasets/" + name + "/scan").then().statusCode(200);
    String first = run("lin_a_" + suffix, 0, "1", 1.5);
    String second = run("lin_b_" + suffix, 2, "1", 0.5);
    run("lin_a_" + suffix, 1, "2", 9.0);

    JsonPath body =
        users
            .as("viewer")
            .get("/api/atelier/datasets/" + name + "/versions/1/runs")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertEquals(List.of(first, second), body.getList("mlflow_run_id"), "version 2's run left out");
    assertEquals(List.of("lin_a_" + suffix, "lin_b_" + suffix), body.getList("dag_id"));
    assertEquals(List.of("manual__1", "manual__1"), body.getList("dag_run_id"));
    assertEquals(List.of(0, 2), body.getList("map_index"));
    assertEquals(List.of("SUCCEEDED", "SUCCEEDED"), body.getList("status"));
    assertEquals(0.5f, body.getFloat("[1].metrics.loss_g"));
  }

  @Test
  void unknownVersion_is404_andANonNumber400_namingIt() throws Exception {
    registered();
    users
        .as("viewer")
        .get("/api/atelier/datasets/" + name + "/versions/99/runs")
        .then()
        .statusCode(404);
    users
        .as("viewer")
        .get("/api/atelier/datasets/" + name + "/versions/abc/runs")
        .then()
        .statusCode(400)
        .body(containsString("number: 'abc' must be a version number"));
    given().get("/api/atelier/datasets/" + name + "/versions/1/runs").then().statusCode(401);
  }
}
