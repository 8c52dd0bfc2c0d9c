package dev.atelier.ui.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * With MLflow unreachable the app stays ready (its database is fine), the dependencies group says
 * MLflow is down without naming its address, and a page's call that needs MLflow is a 503 with a
 * problem body rather than a 500.
 */
@QuarkusTest
@TestProfile(MlflowDownProfile.class)
@QuarkusTestResource(RequiredServices.class)
class MlflowDownTest {

  @Test
  void readiness_isUpWhileMlflowIsUnreachable() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", not(hasItem("mlflow")));
  }

  @Test
  void dependenciesGroup_saysMlflowIsDownWithoutItsAddress() {
    given()
        .get("/q/health/group/dependencies")
        .then()
        .statusCode(503)
        .body("checks.find { it.name == 'mlflow' }.status", equalTo("DOWN"))
        .body(not(containsString("127.0.0.1")));
  }

  @Test
  void metricsOfARun_whileMlflowIsUnreachable_is503WithAProblemBody() {
    Api.asAdmin()
        .get("/api/atelier/runs/0123456789abcdef/metrics/loss")
        .then()
        .statusCode(503)
        .header("Retry-After", "5")
        .body("status", equalTo(503))
        .body("title", equalTo("Service Unavailable"))
        .body("detail", equalTo("MLflow could not be reached; try again shortly"));
  }
}
