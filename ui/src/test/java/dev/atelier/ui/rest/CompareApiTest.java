package dev.atelier.ui.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The compare API: curves of many trials in one answer, cached grids, and refusals that name the
 * field.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class CompareApiTest {
  private final MlflowFixture mlflow = new MlflowFixture();

  @Test
  void twoTrials_curvesInOneRequest_gridWithEtag() throws Exception {
    String dagRun = MlflowFixture.uniqueRunId("test_compare_api");
    Map<String, String> p = Map.of("probe_seed", "1234");
    String a =
        mlflow.trialRun("atelier/emoji_dcgan_sweep", p, "emoji_dcgan_sweep", dagRun, 0, 50, 100);
    String b =
        mlflow.trialRun("atelier/emoji_dcgan_sweep", p, "emoji_dcgan_sweep", dagRun, 1, 50, 100);
    given()
        .auth()
        .preemptive()
        .basic("admin", "admin")
        .get("/api/atelier/compare/metrics?run=" + a + "," + b + "&key=loss_g")
        .then()
        .statusCode(200)
        .body("", hasSize(2))
        .body("[1].run_id", equalTo(b))
        .body("[0].total_points", equalTo(50));
    given()
        .auth()
        .preemptive()
        .basic("admin", "admin")
        .get("/api/atelier/compare/trials?run=" + a)
        .then()
        .statusCode(200)
        .body("[0].sample_steps[0]", equalTo(100))
        .body("[0].probe.probe_seed", equalTo("1234"));
    String etag =
        given()
            .auth()
            .preemptive()
            .basic("admin", "admin")
            .get("/api/atelier/compare/runs/" + a + "/grids/100")
            .then()
            .statusCode(200)
            .header("Cache-Control", containsString("immutable"))
            .extract()
            .header("ETag");
    given()
        .auth()
        .preemptive()
        .basic("admin", "admin")
        .header("If-None-Match", etag)
        .get("/api/atelier/compare/runs/" + a + "/grids/100")
        .then()
        .statusCode(304);
  }

  @Test
  void badInput_namesTheField() {
    given()
        .auth()
        .preemptive()
        .basic("admin", "admin")
        .get("/api/atelier/compare/runs/abc/grids/100?width=5")
        .then()
        .statusCode(400)
        .body("detail", containsString("width: 5 must be between 32"));
    given()
        .auth()
        .preemptive()
        .basic("admin", "admin")
        .get("/api/atelier/compare/trials?run=../x")
        .then()
        .statusCode(400)
        .body("detail", containsString("run: '../x' is not an MLflow run id"));
    given()
        .auth()
        .preemptive()
        .basic("admin", "admin")
        .get("/api/atelier/compare/metrics?run=abc")
        .then()
        .statusCode(400)
        .body("detail", containsString("key: none given"));
    given()
        .auth()
        .preemptive()
        .basic("admin", "admin")
        .get("/api/atelier/compare/dags/no_such_dag/trials")
        .then()
        .statusCode(404)
        .body("detail", containsString("no_such_dag"));
    given()
        .auth()
        .preemptive()
        .basic("admin", "admin")
        .get("/api/atelier/compare/trials?run=0123456789abcdef0123456789abcdef")
        .then()
        .statusCode(404)
        .body("detail", containsString("is not an MLflow run"));
  }
}
